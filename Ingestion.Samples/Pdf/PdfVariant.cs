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

    /// <summary>A born-digital form encrypted with an owner password only: every viewer opens it; its restrictions are noted.</summary>
    OwnerPasswordOnly,

    /// <summary>A born-digital form with a MacBinary-style header before <c>%PDF-</c> and junk after <c>%%EOF</c>.</summary>
    JunkAroundHeader,

    /// <summary>A born-digital form whose <c>startxref</c> is wrong: readable once the cross-reference table is rebuilt.</summary>
    BrokenCrossReference,

    /// <summary>Hostile: a recursive PostScript (Type 4) function that overflows PdfPig's stack (SECURITY-REVIEW H6).</summary>
    Type4Recursion,

    /// <summary>Hostile: a page content stream that inflates to 160 MiB (SECURITY-REVIEW M4).</summary>
    FlateBomb,

    /// <summary>Hostile: a 14,400-point image-only page, 3.6 gigapixels at 300 dpi (SECURITY-REVIEW M4).</summary>
    GigapixelPage,

    /// <summary>Hostile: an image-only page with a looping and very deep form field tree.</summary>
    RecursiveFormFields,

    /// <summary>A form whose page content needs the <c>JBIG2Decode</c> filter, which the reader does not implement.</summary>
    UnsupportedFilter,

    /// <summary>
    /// A scanned form whose dates a person wrote out by hand in words ("17 January 2026"): extraction finds no date in
    /// the template's format, so the document waits for a reviewer, who reads the date on the page.
    /// </summary>
    ScannedHandDated,
}
