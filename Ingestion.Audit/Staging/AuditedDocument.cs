namespace Ingestion.Audit.Staging;

/// <summary>The document an audit entry is about, as the fleet itself holds it (the saga's state, the stage's command).</summary>
/// <param name="CorrelationId">The document's saga.</param>
/// <param name="PacketId">The packet.</param>
/// <param name="SiteId">The submitting site.</param>
/// <param name="DocumentSha256">The SHA-256 the site declared.</param>
/// <param name="SchemaVersion">The template version it declares, once known.</param>
public sealed record AuditedDocument(Guid CorrelationId, Guid PacketId, string SiteId, string DocumentSha256, string? SchemaVersion);
