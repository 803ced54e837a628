namespace Ingestion.Consumers.Parsing.Ocr;

/// <summary>Reads the text of a PDF page that has no text layer, from its rendered image.</summary>
public interface IPageOcr
{
    /// <summary>
    /// Renders one page and recognises its text; the same page and options always give the same result.
    /// Throws <see cref="TimeoutException"/> when the page takes longer than its time limit.
    /// </summary>
    Task<OcrPage> ReadPageAsync(string pdfPath, int pageNumber, CancellationToken cancellationToken);
}
