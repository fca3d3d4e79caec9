using System.ComponentModel.DataAnnotations;
using DistillGuard.Core.Engine;

namespace DistillGuard.Gateway.Options;

/// <summary>
/// Detection thresholds (passed to the engine) and how throttling slows an account. A configuration reload puts the
/// thresholds, <see cref="HoldConversationalUse"/>, the <see cref="RiskModel"/> and the throttle rate into force; the
/// rest is read only at start.
/// </summary>
public sealed class PolicyOptions
{
    /// <summary>Risk at or above which an account is put up for review. Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public double ReviewRisk { get; set; } = 0.5;

    /// <summary>Risk at or above which an account is throttled. Default 0.75.</summary>
    [Range(0.0, 1.0)]
    public double ThrottleRisk { get; set; } = 0.75;

    /// <summary>Risk at or above which an account is blocked. Default 0.9.</summary>
    [Range(0.0, 1.0)]
    public double BlockRisk { get; set; } = 0.9;

    /// <summary>
    /// Whether an account paying with a card on which another account is blocked or throttled (by the engine or an
    /// admin override) gets that verdict at once: ban evasion. Default true (docs/detection.md).
    /// </summary>
    public bool PaymentBanEvasion { get; set; } = true;

    /// <summary>
    /// Whether an account signing up with an e-mail domain on which two other accounts are blocked (by the engine or an
    /// admin override) is blocked at once: ban evasion through the sign-up domain. Default true (docs/detection.md).
    /// </summary>
    public bool SignupDomainBanEvasion { get; set; } = true;

    /// <summary>
    /// Whether an account whose own traffic reads as people at work (mostly multi-turn, untemplated, from one steady
    /// non-hosting network, over at least 20 exchanges) is held at review however strongly it is linked. Default true
    /// (docs/detection.md, "Conversational use holds at review").
    /// </summary>
    public bool HoldConversationalUse { get; set; } = true;

    /// <summary>
    /// How long the engine holds an exchange before applying it, so exchanges that finish out of order (the gateway
    /// feeds them on completion) are applied in time order. The engine's memory beyond its per-account state grows with
    /// it (docs/gateway.md, "Running it: memory"). Default 2 minutes, as in <c>scan</c>; under the 15-minute tick.
    /// </summary>
    public TimeSpan ReorderTolerance { get; set; } = new DetectionOptions().ReorderTolerance;

    /// <summary>
    /// Networks whose addresses strangers share (CIDR blocks or addresses: a serverless platform's or a secure web
    /// gateway's egress, a carrier's NAT): accounts there are not linked by their IP block. IPv4 /12 or narrower, IPv6
    /// /36 or narrower. Read only at start (docs/detection.md, "Shared egress networks").
    /// </summary>
    public List<string> SharedEgress { get; set; } = [];

    /// <summary>
    /// A risk model file (<c>distillguard.risk-model/v1</c>, written by <c>distillguard calibrate</c>): the engine scores
    /// accounts with these coefficients instead of the built-in ones. A reload reads the file again (a refit written over
    /// it counts as a change); a relative path is taken from the working directory. Default none (the built-in model).
    /// </summary>
    public string? RiskModel { get; set; }

    /// <summary>Requests per minute a throttled account may make (token bucket refill). Default 6.</summary>
    [Range(0.001, 1_000_000)]
    public double ThrottleRequestsPerMinute { get; set; } = 6;

    /// <summary>Requests a throttled account may burst (token bucket size). Default 2.</summary>
    [Range(1, 1_000_000)]
    public int ThrottleBurst { get; set; } = 2;

    /// <summary>The engine's options these thresholds give, the same for the live engine and <c>scan --gateway-config</c>.</summary>
    /// <exception cref="InvalidDataException">The <see cref="RiskModel"/> file cannot be read or is not a risk model; the message names it.</exception>
    public DetectionOptions ToDetectionOptions() => new()
    {
        ReviewRisk = ReviewRisk,
        ThrottleRisk = ThrottleRisk,
        BlockRisk = BlockRisk,
        PaymentBanEvasion = PaymentBanEvasion,
        SignupDomainBanEvasion = SignupDomainBanEvasion,
        HoldConversationalUse = HoldConversationalUse,
        ReorderTolerance = ReorderTolerance,
        SharedEgress = [.. SharedEgress],
        RiskModel = RiskModel is null ? RiskCoefficients.Default : ReadRiskModel(RiskModel),
    };

    /// <summary>Reads a <see cref="RiskModel"/> file as the engine will get it.</summary>
    /// <exception cref="InvalidDataException">It cannot be read or is not a risk model; the message names the setting and the file.</exception>
    public static RiskCoefficients ReadRiskModel(string path)
    {
        try
        {
            return RiskModelFile.Read(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new InvalidDataException($"Gateway:Policy:RiskModel: {ex.Message}", ex);
        }
    }
}
