using Microsoft.Extensions.Logging;

namespace Ingestion.Messaging.Logging;

/// <summary>Puts a document's identity on every log line written inside a stage, so any line can be traced to its document.</summary>
public static class DocumentLogScope
{
    /// <summary>Begins a scope carrying the document's correlation id, packet, site, hash, stage and attempt.</summary>
    public static IDisposable? BeginDocumentScope(
        this ILogger logger, Guid correlationId, Guid packetId, string siteId, string sha256, string stage, int attempt)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return logger.BeginScope(new Dictionary<string, object>
        {
            ["CorrelationId"] = correlationId,
            ["PacketId"] = packetId,
            ["SiteId"] = siteId,
            ["DocumentSha256"] = sha256,
            ["Stage"] = stage,
            ["Attempt"] = attempt,
        });
    }
}
