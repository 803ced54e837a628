namespace Ingestion.Consumers.Parsing.Ocr;

/// <summary>How pages are rendered and recognised: bound from <c>Ingestion:Ocr</c>.</summary>
public sealed class OcrOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Ocr";

    /// <summary>The resolution a page is rendered at, and the resolution Tesseract is told the image has.</summary>
    public int Dpi { get; set; } = 300;

    /// <summary>The time one page may take, rendering and recognition together; fractions are allowed.</summary>
    public double PageTimeoutSeconds { get; set; } = 60;

    /// <summary>Tesseract's page segmentation mode (<c>--psm</c>); 6 reads the page as one uniform block of text.</summary>
    public int PageSegmentationMode { get; set; } = 6;

    /// <summary>Tesseract's language (<c>-l</c>), for example <c>eng</c> or <c>eng+fra</c>.</summary>
    public string Language { get; set; } = "eng";

    /// <summary>The Poppler renderer: a file name looked up on the PATH, or a full path.</summary>
    public string PdftoppmPath { get; set; } = "pdftoppm";

    /// <summary>The Tesseract command-line tool: a file name looked up on the PATH, or a full path.</summary>
    public string TesseractPath { get; set; } = "tesseract";
}
