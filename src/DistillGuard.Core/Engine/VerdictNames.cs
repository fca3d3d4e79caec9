namespace DistillGuard.Core.Engine;

/// <summary>Wire names of <see cref="Verdict"/> as the findings spec spells them.</summary>
public static class VerdictNames
{
    public static string ToWire(Verdict verdict) => verdict switch
    {
        Verdict.Review => "review",
        Verdict.Throttle => "throttle",
        Verdict.Block => "block",
        _ => "allow",
    };

    public static bool TryParse(string? value, out Verdict verdict)
    {
        verdict = value switch
        {
            "allow" => Verdict.Allow,
            "review" => Verdict.Review,
            "throttle" => Verdict.Throttle,
            "block" => Verdict.Block,
            _ => (Verdict)255,
        };
        return (byte)verdict != 255;
    }
}
