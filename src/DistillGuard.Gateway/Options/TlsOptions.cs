namespace DistillGuard.Gateway.Options;

/// <summary>
/// The certificate the gateway serves on <c>https://</c> listen URLs. Terminating TLS itself lets the gateway
/// fingerprint each client's TLS hello (JA4, logged as <c>tls_fingerprint</c>); behind a TLS-terminating proxy, the
/// proxy can state it instead (<c>X-Client-Tls-Fingerprint</c>, believed from <see cref="GatewayOptions.TrustedProxies"/> only).
/// </summary>
public sealed class TlsOptions
{
    /// <summary>A PKCS#12 file (<c>.pfx</c>, <c>.p12</c>) or a PEM certificate. Required for https:// listen URLs.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key, when <see cref="CertificatePath"/> is a PEM certificate without its key.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of the PKCS#12 file or of an encrypted PEM key.</summary>
    public string? Password { get; set; }
}
