namespace DistillGuard.Simulation.Network;

/// <summary>Countries the simulator uses, with the UTC offset their users' day follows and how common they are.</summary>
internal static class Countries
{
    /// <summary>Share of honest API users per country (roughly the shape of public API traffic reports).</summary>
    public static readonly (string Code, double Weight, double UtcOffsetHours)[] Honest =
    [
        ("US", 0.32, -6), ("IN", 0.09, 5.5), ("GB", 0.07, 0), ("DE", 0.06, 1), ("BR", 0.05, -3),
        ("FR", 0.04, 1), ("CA", 0.04, -5), ("JP", 0.04, 9), ("KR", 0.03, 9), ("AU", 0.03, 10),
        ("NL", 0.03, 1), ("SG", 0.02, 8), ("ID", 0.02, 7), ("VN", 0.02, 7), ("TW", 0.02, 8),
        ("HK", 0.01, 8), ("MY", 0.01, 8),
    ];

    private static readonly double[] HonestWeights = Array.ConvertAll(Honest, c => c.Weight);

    public static double[] HonestWeightArray => HonestWeights;

    public static double UtcOffset(string country) => country switch
    {
        "CN" => 8,
        _ => Array.Find(Honest, c => c.Code == country) is { Code: not null } hit ? hit.UtcOffsetHours : 0,
    };
}
