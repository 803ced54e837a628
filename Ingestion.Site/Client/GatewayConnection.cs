using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Ingestion.Site.Submission;

namespace Ingestion.Site.Client;

/// <summary>
/// What a site needs to reach its door, and nothing else: the gateway's HTTPS address, the CA certificate that issued the
/// gateway's certificate (pinned: no other CA is trusted), and the site's token, read from a file only its owner can read.
/// </summary>
/// <param name="Gateway">For example <c>https://gateway.example:8443</c>.</param>
/// <param name="Token">The site's bearer token.</param>
/// <param name="CertificateAuthority">The pinned CA.</param>
public sealed record GatewayConnection(Uri Gateway, string Token, X509Certificate2 CertificateAuthority)
{
    /// <summary>Reads the token file and the CA file.</summary>
    /// <exception cref="InvalidPacketFolderException">A file is missing, the token file is readable by others, or the address is not HTTPS.</exception>
    public static GatewayConnection Load(string gateway, string tokenFile, string caFile)
    {
        if (!Uri.TryCreate(gateway, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidPacketFolderException($"'{gateway}' is not an https:// address.");
        }

        if (!File.Exists(tokenFile) || !File.Exists(caFile))
        {
            throw new InvalidPacketFolderException($"The token file '{tokenFile}' or the CA file '{caFile}' does not exist.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(tokenFile) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidPacketFolderException($"The token file '{tokenFile}' can be read or changed by others; make it readable by its owner only (chmod 600).");
        }

        var token = File.ReadAllText(tokenFile).Trim();
        return new GatewayConnection(uri, token, X509CertificateLoader.LoadCertificateFromFile(caFile));
    }

    /// <summary>An HTTP client for the gateway that trusts only the pinned CA and sends the token on every request.</summary>
    public HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors) },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var client = new HttpClient(handler) { BaseAddress = Gateway, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    // Only chain errors are ours to judge (the CA is not in the system store); a wrong host name is never accepted.
    private bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(CertificateAuthority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }
}
