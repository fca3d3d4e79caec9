namespace DistillGuard.Intel.Stix;

internal static class FingerprintTypeNames
{
    public static string ToWire(FingerprintType type) => type switch
    {
        FingerprintType.PaymentInstrument => "payment-instrument",
        FingerprintType.PromptTemplate => "prompt-template",
        FingerprintType.PromptSketch => "prompt-sketch",
        FingerprintType.Client => "client",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParse(string? wire, out FingerprintType type)
    {
        switch (wire)
        {
            case "payment-instrument": type = FingerprintType.PaymentInstrument; return true;
            case "prompt-template": type = FingerprintType.PromptTemplate; return true;
            case "prompt-sketch": type = FingerprintType.PromptSketch; return true;
            case "client": type = FingerprintType.Client; return true;
            default: type = default; return false;
        }
    }
}
