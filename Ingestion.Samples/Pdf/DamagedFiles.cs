using System.IO.Compression;
using System.Text;

namespace Ingestion.Samples.Pdf;

/// <summary>The files a site uploads by mistake: a PDF cut short, or another kind of file named <c>.pdf</c>.</summary>
internal static class DamagedFiles
{
    /// <summary>
    /// The share of a PDF's bytes an interrupted upload keeps. The cut loses the trailer and cross-reference table
    /// (and, at 60%, the catalog too, which PdfPig writes after the page content), so even a lenient reader has no
    /// document root; PdfPig 0.1.16 refused every cut between 40% and 90% of 360 generated forms.
    /// </summary>
    public const double TruncatedShare = 0.6;

    // Fixed so that the archive's bytes do not depend on when it was written.
    private static readonly DateTimeOffset Written = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static byte[] Truncated(byte[] pdf) => pdf.AsSpan(0, (int)(pdf.Length * TruncatedShare)).ToArray();

    /// <summary>A ZIP archive holding the form as text, as when a site renames its export to <c>.pdf</c>.</summary>
    public static byte[] ZipRenamedToPdf(IReadOnlyList<string> lines)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = archive.CreateEntry("form.txt", CompressionLevel.Optimal);
            entry.LastWriteTime = Written;
            using var text = entry.Open();
            text.Write(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        }

        return zip.ToArray();
    }
}
