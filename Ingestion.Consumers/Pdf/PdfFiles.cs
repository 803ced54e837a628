using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Ingestion.Consumers.Pdf;

/// <summary>Reading stored PDFs with PdfPig: opening them from a seekable file stream (PdfPig then reads on demand, never the whole file) and turning a page's words into lines.</summary>
internal static class PdfFiles
{
    private static readonly byte[] Signature = "%PDF-"u8.ToArray();
    private static readonly byte[] EndOfFile = "%%EOF"u8.ToArray();

    /// <summary>Whether the file starts with the PDF signature.</summary>
    public static bool HasPdfSignature(ReadOnlySpan<byte> head) => head.StartsWith(Signature);

    /// <summary>Whether the last kilobyte holds <c>%%EOF</c>; a file cut short in transit does not.</summary>
    public static bool EndsWithEofMarker(FileStream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var tail = new byte[(int)Math.Min(1024, file.Length)];
        file.Seek(-tail.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        file.Seek(0, SeekOrigin.Begin);
        return tail.AsSpan().IndexOf(EndOfFile) >= 0;
    }

    public static PdfDocument Open(FileStream file) => PdfDocument.Open(file, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });

    /// <summary>Whether the page has a text layer (a scanned page is one image and has no letters).</summary>
    public static bool HasTextLayer(Page page) => page.Letters.Any(l => l.Value.Any(char.IsLetterOrDigit));

    /// <summary>The page's words grouped into lines, top to bottom, each line's words left to right.</summary>
    public static IReadOnlyList<string> Lines(Page page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var lines = new List<(double Baseline, List<Word> Words)>();
        foreach (var word in page.GetWords().OrderByDescending(w => w.BoundingBox.Bottom).ThenBy(w => w.BoundingBox.Left))
        {
            // Words on one printed line share a baseline to within a fraction of the font size.
            var line = lines.FindLast(l => Math.Abs(l.Baseline - word.BoundingBox.Bottom) < Math.Max(2, word.BoundingBox.Height * 0.4));
            if (line.Words is null)
            {
                lines.Add((word.BoundingBox.Bottom, [word]));
            }
            else
            {
                line.Words.Add(word);
            }
        }

        return lines
            .Select(l => l.Words.OrderBy(w => w.BoundingBox.Left).Aggregate(new StringBuilder(), (text, w) => text.Append(text.Length == 0 ? string.Empty : " ").Append(w.Text)).ToString())
            .ToList();
    }
}
