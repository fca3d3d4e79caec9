using System.Globalization;
using DistillGuard.Core.Intel;

namespace DistillGuard.Intel.Import;

/// <summary>
/// One shared indicator value, with its match built once at load so a hit allocates nothing either. The
/// description names the indicator only: the engine's reason already says who shared it.
/// <see cref="ValidUntil"/> null means no expiry.
/// </summary>
internal sealed class IntelEntry
{
    public IntelEntry(string indicatorId, string kind, string source, double confidence, string name, DateTime? validUntil)
    {
        ValidUntil = validUntil;
        Confidence = confidence;
        Match = new IntelMatch(indicatorId, kind, source, confidence,
            string.Create(CultureInfo.InvariantCulture, $"'{name}' ({indicatorId}), confidence {confidence:0.00}"));
    }

    public DateTime? ValidUntil { get; }

    public double Confidence { get; }

    public IntelMatch Match { get; }

    /// <summary>Expired indicators never match; validity is judged at the exchange's log time.</summary>
    public bool IsValidAt(DateTime at) => ValidUntil is not { } until || at < until;
}
