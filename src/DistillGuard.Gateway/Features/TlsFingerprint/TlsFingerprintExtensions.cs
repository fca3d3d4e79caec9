using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DistillGuard.Gateway.Options;
using Microsoft.AspNetCore.Connections.Features;

namespace DistillGuard.Gateway.Features.TlsFingerprint;

/// <summary>
/// HTTPS for the gateway's own listen URLs, with each connection's client hello fingerprinted (JA4) once, when the
/// handshake starts, and kept in the connection's items for every request on it.
/// </summary>
internal static class TlsFingerprintExtensions
{
    private const string ItemKey = "DistillGuard.TlsFingerprint";

    public static IWebHostBuilder UseGatewayTls(this IWebHostBuilder webHost)
    {
        // The slim builder leaves out HTTPS endpoint support; https:// URLs need it.
        webHost.UseKestrelHttpsConfiguration();
        webHost.ConfigureKestrel(static (context, kestrel) =>
        {
            var tls = context.Configuration.GetSection($"{GatewayOptions.SectionName}:Tls").Get<TlsOptions>();
            if (tls?.CertificatePath is not { Length: > 0 } path || !File.Exists(path))
            {
                // No certificate, or a missing file that options validation reports by name when the host starts.
                return;
            }

            var certificate = Load(path, tls.KeyPath, tls.Password);
            kestrel.ConfigureHttpsDefaults(https =>
            {
                https.ServerCertificate = certificate;
                https.TlsClientHelloBytesCallback = static (connection, hello) =>
                {
                    if (Ja4.FromRecord(hello) is { } fingerprint)
                    {
                        connection.Items[ItemKey] = fingerprint;
                    }
                };
            });
        });
        return webHost;
    }

    /// <summary>The JA4 fingerprint of the TLS client on this request's connection; null over plain HTTP.</summary>
    /// <remarks>
    /// Plain HTTP is answered without touching the connection's items: Kestrel creates that dictionary on first
    /// access, which would cost every plain connection an allocation for nothing.
    /// </remarks>
    public static string? TlsFingerprint(this HttpContext context) =>
        context.Request.IsHttps && context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ItemKey, out var value) == true
            ? value as string
            : null;

    private static X509Certificate2 Load(string path, string? keyPath, string? password)
    {
        try
        {
            return LoadFile(path, keyPath, password);
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException($"Gateway:Tls:CertificatePath: cannot load the certificate '{path}'{(keyPath is null ? string.Empty : $" with key '{keyPath}'")}: {e.Message}", e);
        }
    }

    private static X509Certificate2 LoadFile(string path, string? keyPath, string? password)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }

        return password is null
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
    }
}
