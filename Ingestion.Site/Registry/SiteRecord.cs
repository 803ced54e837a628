namespace Ingestion.Site.Registry;

/// <summary>A site as <c>ingest sites list</c> shows it.</summary>
/// <param name="SiteId">The site.</param>
/// <param name="AddedAt">When it was added (UTC).</param>
/// <param name="AddedBy">Who added it.</param>
/// <param name="DisabledAt">When it was disabled, or null while enabled.</param>
/// <param name="DisableReason">Why it was disabled.</param>
/// <param name="TokenIssuedAt">When its live token was issued, or null when it has none.</param>
public sealed record SiteRecord(
    string SiteId, DateTime AddedAt, string AddedBy, DateTime? DisabledAt, string? DisableReason, DateTime? TokenIssuedAt);
