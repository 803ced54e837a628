namespace Ingestion.Contracts;

/// <summary>Something a reader of the document's record should know that does not stop it, for example an expired licence.</summary>
public record DocumentFinding
{
    /// <summary>What was found: one of <see cref="FindingCodes"/>, for example <c>EXPIRED</c>.</summary>
    public required string Code { get; init; }

    /// <summary>The field it concerns, for example <c>expiry_date</c>.</summary>
    public required string Field { get; init; }

    /// <summary>In words, for example <c>expiry_date 2025-06-30 is before the document's receipt on 2026-12-01</c>.</summary>
    public required string Detail { get; init; }
}
