using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Ingestion.Samples.Pdf;

/// <summary>Writes lines of text onto A4 pages in Helvetica with PdfPig's builder: a born-digital PDF.</summary>
internal static class TextPdf
{
    public const double FontSize = 11;
    public const double LineHeight = 16;
    public const double Margin = 56;

    // A4 in points; the scanner places its page images on the same size.
    public const double PageWidth = 595;
    public const double PageHeight = 842;

    /// <summary>How many lines fit on one page at this layout.</summary>
    public const int LinesPerPage = (int)((PageHeight - 2 * Margin) / LineHeight);

    public static byte[] Build(IEnumerable<IReadOnlyList<string>> pages, PdfInfo info)
    {
        using var builder = new PdfDocumentBuilder();
        info.ApplyTo(builder.DocumentInformation);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageWidth, PageHeight);
            var y = PageHeight - Margin;
            foreach (var line in lines)
            {
                // A blank line only moves the pen down; there is nothing to draw.
                if (line.Length > 0)
                {
                    page.AddText(line, FontSize, new PdfPoint(Margin, y), font);
                }

                y -= LineHeight;
            }
        }

        return TrailerId.Pin(builder.Build(), info.Identity);
    }
}
