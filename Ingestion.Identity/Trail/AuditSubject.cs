namespace Ingestion.Identity.Trail;

/// <summary>What an audit entry is about: a document (its saga), or a subject of its own (an account, a hold, an operator action).</summary>
/// <param name="CorrelationId">The document's saga, or the subject's id.</param>
/// <param name="PacketId">The document's packet; the empty GUID for other subjects.</param>
/// <param name="SiteId">The document's site; <c>-</c> for other subjects.</param>
/// <param name="DocumentSha256">The document's declared SHA-256; empty for other subjects.</param>
/// <param name="SchemaVersion">The document's template version, once known.</param>
public sealed record AuditSubject(Guid CorrelationId, Guid PacketId, string SiteId, string DocumentSha256, string? SchemaVersion = null)
{
    /// <summary>A subject that is not a document.</summary>
    public static AuditSubject Of(Guid id) => new(id, Guid.Empty, "-", string.Empty);
}
