namespace Ingestion.Consumers.Validation;

/// <summary>The template a document says it is on.</summary>
/// <param name="TemplateId">For example <c>FDA-1572</c>.</param>
/// <param name="Version">For example <c>2.1</c>.</param>
/// <param name="Source">Where it was read: <c>METADATA</c>, <c>HEADER</c> or <c>OCR_HEADER</c>; <c>NONE</c> for a free-form document.</param>
public sealed record DocumentDeclaration(string TemplateId, string Version, string Source = DocumentDeclaration.Header)
{
    /// <summary>
    /// What the reader noticed and read past, for the record: <c>permission restrictions: printing, copying</c>,
    /// <c>header at byte 128</c>, <c>cross-reference table rebuilt</c>; null when nothing.
    /// </summary>
    public string? ReadingNotes { get; init; }

    /// <summary>The PDF's document information dictionary.</summary>
    public const string Metadata = "METADATA";

    /// <summary>The header line printed on the first page, read from the text.</summary>
    public const string Header = "HEADER";

    /// <summary>The header line printed on the first page, read by OCR.</summary>
    public const string OcrHeader = "OCR_HEADER";

    /// <summary>A readable PDF that declares no template: free-form, read by its artifact profile.</summary>
    public const string None = "NONE";
}
