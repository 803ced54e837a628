namespace Ingestion.Saga.Packets;

/// <summary>Where one document stands, as the status commands show it.</summary>
/// <param name="CorrelationId">The document's saga.</param>
/// <param name="PacketId">Its packet.</param>
/// <param name="SiteId">Its site.</param>
/// <param name="DocumentId">The site's id for it.</param>
/// <param name="ArtifactType">TMF artifact number.</param>
/// <param name="FileName">As submitted.</param>
/// <param name="State">The product's state name, for example <c>ARCHIVED</c>.</param>
/// <param name="ErrorCode">Why it was rejected, if it was.</param>
/// <param name="SchemaVersion">The template version it declared, once read.</param>
/// <param name="FieldTiers">The extraction tier of each field, for example <c>TEXT×5</c>.</param>
/// <param name="FinalEntries">
/// How many audit entries record a transition into a final state: 0 until it is final and chained, 1 after; more would
/// be a final transition chained twice.
/// </param>
/// <param name="ArchiveIndexed">Whether the archive index holds it (every archived document, and no other).</param>
public sealed record DocumentOutcome(
    Guid CorrelationId, Guid PacketId, string SiteId, string DocumentId, string ArtifactType, string FileName,
    string State, string? ErrorCode, string? SchemaVersion, string FieldTiers, int FinalEntries, bool ArchiveIndexed)
{
    /// <summary>The artifact class a free-form document was read as; null for a templated one.</summary>
    public string? ArtifactClass { get; init; }

    /// <summary>The codes of its findings, for example <c>EXPIRED</c>; empty when none.</summary>
    public IReadOnlyList<string> Findings { get; init; } = [];
}
