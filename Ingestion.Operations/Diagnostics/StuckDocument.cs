namespace Ingestion.Operations.Diagnostics;

/// <summary>A document that has not moved for too long.</summary>
/// <param name="CorrelationId">Its saga.</param>
/// <param name="SiteId">Its site.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Since">When it last moved (UTC).</param>
public sealed record StuckDocument(Guid CorrelationId, string SiteId, string State, DateTime Since);
