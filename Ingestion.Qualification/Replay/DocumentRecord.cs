namespace Ingestion.Qualification.Replay;

/// <summary>
/// One document's outcome as replay compares it: everything but wall-clock times and worker identities.
/// </summary>
/// <param name="SiteId">The site.</param>
/// <param name="DocumentId">The site's id for the document.</param>
/// <param name="State">Final state (or <c>MANUAL_REVIEW</c>).</param>
/// <param name="ErrorCode">The rejection code, if any.</param>
/// <param name="TemplateId">The template it declared, once read.</param>
/// <param name="SchemaVersion">The template version it declared, once read.</param>
/// <param name="Reason">The rejection's or review's reason, if any.</param>
/// <param name="Transitions">Its audited state changes in causal order: <c>ACTION FROM&gt;TO OUTCOME [CODE]</c>.</param>
/// <param name="Fields">Its extracted fields in extraction order: <c>name=value [TIER confidence p.page]</c>.</param>
public sealed record DocumentRecord(
    string SiteId,
    string DocumentId,
    string State,
    string? ErrorCode,
    string? TemplateId,
    string? SchemaVersion,
    string? Reason,
    IReadOnlyList<string> Transitions,
    IReadOnlyList<string> Fields)
{
    /// <summary>
    /// Attempts that failed transiently and were retried (<c>ACTION OUTCOME CODE: reason</c>); not part of the digest,
    /// since they depend on load and timing, but reported beside it.
    /// </summary>
    public IReadOnlyList<string> Retries { get; init; } = [];

    /// <summary>The document's key across runs.</summary>
    public string Key => $"{SiteId}/{DocumentId}";
}
