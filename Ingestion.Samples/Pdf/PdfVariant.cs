namespace Ingestion.Samples.Pdf;

/// <summary>What a document of a generated PDF packet should become.</summary>
public enum PdfVariant
{
    /// <summary>A current v2.0/v2.1 form with a text layer and its declaration in the document information.</summary>
    BornDigital,

    /// <summary>A printed and scanned form: one grayscale image per page, no text layer, no declaration metadata.</summary>
    Scanned,

    /// <summary>A born-digital form declaring the deprecated version 1.4.</summary>
    Deprecated,

    /// <summary>A born-digital revised v2.2 form: revised labels, fields in reverse order.</summary>
    Revised,

    /// <summary>A born-digital PDF cut short, as by an interrupted upload.</summary>
    Truncated,

    /// <summary>Something else (a ZIP archive) named <c>.pdf</c>.</summary>
    NotPdf,

    /// <summary>A PDF that needs a user password the pipeline does not have.</summary>
    Encrypted,

    /// <summary>A zero-byte file.</summary>
    Empty,

    /// <summary>A born-digital form followed by many pages of continuation text.</summary>
    Large,

    /// <summary>
    /// A scanned form whose dates a person wrote out by hand in words ("17 January 2026"): extraction finds no date in
    /// the template's format, so the document waits for a reviewer, who reads the date on the page.
    /// </summary>
    ScannedHandDated,
}
