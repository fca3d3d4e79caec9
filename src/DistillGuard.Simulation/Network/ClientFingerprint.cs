namespace DistillGuard.Simulation.Network;

/// <summary>What a client looks like on the wire: its User-Agent and its TLS (JA4-style) fingerprint.</summary>
internal sealed record ClientFingerprint(string UserAgent, string TlsFingerprint);
