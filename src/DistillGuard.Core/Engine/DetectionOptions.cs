namespace DistillGuard.Core.Engine;

/// <summary>Tuning of the detection engine. Defaults are what the simulator's scenarios were measured with (docs/detection.md).</summary>
public sealed class DetectionOptions
{
    /// <summary>Risk at or above which an account is put up for review.</summary>
    public double ReviewRisk { get; set; } = 0.5;

    /// <summary>Risk at or above which an account is throttled.</summary>
    public double ThrottleRisk { get; set; } = 0.75;

    /// <summary>Risk at or above which an account is blocked.</summary>
    public double BlockRisk { get; set; } = 0.9;
}
