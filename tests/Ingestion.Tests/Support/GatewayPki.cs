using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ingestion.Tests.Support;

/// <summary>A private CA and a gateway certificate for the loopback and test-network addresses, as PEM files in a folder.</summary>
internal sealed record GatewayPki(string CaPath, string CertificatePath, string KeyPath)
{
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static GatewayPki Create(string folder, params IPAddress[] addresses)
    {
        Directory.CreateDirectory(folder);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Ingestion test gateway CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=ingestion-gateway", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }

        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));

        var pki = new GatewayPki(Path.Combine(folder, "ca.pem"), Path.Combine(folder, "server.pem"), Path.Combine(folder, "server.key"));
        File.WriteAllText(pki.CaPath, ca.ExportCertificatePem());
        File.WriteAllText(pki.CertificatePath, server.ExportCertificatePem());
        File.WriteAllText(pki.KeyPath, serverKey.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(pki.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return pki;
    }
}
