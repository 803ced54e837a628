namespace Ingestion.Contracts;

/// <summary>The document's bytes match its declared hash and its template version is accepted.</summary>
public record DocumentValidated
{
    /// <summary>The document's saga.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The template the document declares, for example <c>FDA-1572</c>.</summary>
    public required string TemplateId { get; init; }

    /// <summary>The template version the document declares, for example <c>2.1</c>.</summary>
    public required string SchemaVersion { get; init; }

    /// <summary>Where the declaration was read: <c>METADATA</c>, <c>HEADER</c> (printed text) or <c>OCR_HEADER</c>.</summary>
    public string DeclarationSource { get; init; } = "HEADER";

    /// <summary>
    /// What the reader read past, for the document's record, for example
    /// <c>permission restrictions: printing, copying (owner password only; opened without a password)</c>; null when nothing.
    /// </summary>
    public string? ReadingNotes { get; init; }
}
