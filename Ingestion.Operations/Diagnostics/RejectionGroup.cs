namespace Ingestion.Operations.Diagnostics;

/// <summary>Rejected documents of one error code at one site.</summary>
/// <param name="ErrorCode">The code.</param>
/// <param name="SiteId">The site.</param>
/// <param name="Count">How many.</param>
public sealed record RejectionGroup(string ErrorCode, string SiteId, int Count);
