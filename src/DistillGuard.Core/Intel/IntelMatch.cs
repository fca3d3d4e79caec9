namespace DistillGuard.Core.Intel;

/// <summary>A match of our traffic against an indicator shared by a peer.</summary>
/// <param name="IndicatorId">The STIX id of the indicator that matched.</param>
/// <param name="Kind">What matched: <c>ip</c>, <c>ip_block</c>, <c>asn</c>, <c>payment</c>, <c>template</c>, <c>client_fingerprint</c>.</param>
/// <param name="Source">Who shared it (the bundle's identity name, or its file name).</param>
/// <param name="Confidence">The indicator's confidence in [0, 1].</param>
/// <param name="Description">A sentence naming the indicator, for the reason's detail.</param>
public sealed record IntelMatch(string IndicatorId, string Kind, string Source, double Confidence, string Description);
