namespace Ingestion.WebConsole.Pages.Review;

/// <summary>One field as the review page shows it: what extraction (or a reviewer) found, and whether it needs attention.</summary>
/// <param name="Name">The template's field name.</param>
/// <param name="Value">The value; null when not found.</param>
/// <param name="Tier">Where it came from: TEXT, OCR, HEURISTIC, REVIEWER.</param>
/// <param name="Confidence">How sure extraction was.</param>
/// <param name="Page">The page it was read on.</param>
/// <param name="Status"><c>missing</c>, <c>uncertain</c>, <c>corrected</c> or <c>ok</c>.</param>
public sealed record FieldRow(string Name, string? Value, string? Tier, double? Confidence, int? Page, string Status);
