namespace Ingestion.Gateway;

/// <summary>Where the site gateway listens and with which certificate: bound from <c>Ingestion:Gateway</c>.</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Gateway";

    /// <summary>HTTPS addresses to listen on, separated by <c>;</c>, each an IP address and a port: <c>https://127.0.0.1:8443</c>.</summary>
    public string Urls { get; set; } = "https://127.0.0.1:8443";

    /// <summary>The server certificate (PEM), issued by the CA that sites pin with <c>ingest submit --ca</c>.</summary>
    public string CertificatePath { get; set; } = ".local/gateway/server.pem";

    /// <summary>The server certificate's private key (PEM), readable by the gateway's user only.</summary>
    public string KeyPath { get; set; } = ".local/gateway/server.key";
}
