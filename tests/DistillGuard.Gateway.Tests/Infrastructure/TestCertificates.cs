using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DistillGuard.Gateway.Tests.Infrastructure;

internal static class TestCertificates
{
    /// <summary>Gateway settings that listen on https only, with a new self-signed certificate.</summary>
    public static void ServeHttps(Dictionary<string, string?> settings)
    {
        settings["Gateway:Urls:0"] = "https://127.0.0.1:0";
        settings["Gateway:Tls:CertificatePath"] = WriteSelfSigned();
    }

    /// <summary>Writes a self-signed certificate for localhost and 127.0.0.1 to a new temporary folder; returns the .pfx path.</summary>
    private static string WriteSelfSigned()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("dg-tls-").FullName, "gateway.pfx");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
        return path;
    }
}
