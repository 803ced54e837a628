using System.Globalization;
using System.Text;

namespace Ingestion.Samples.Pdf;

/// <summary>
/// The files of SECURITY-REVIEW H6 and M4 and of issue 12, written deterministically and small: each carries the form's
/// lines (so a reader that survives it sees a real form) and one hostile construct. None needs a tool to make.
/// </summary>
internal static class HostilePdf
{
    /// <summary>Nesting levels of the Type 4 function: far past any stack a .NET thread has.</summary>
    public const int Type4Depth = 400_000;

    /// <summary>Bytes the Flate bomb's content stream inflates to.</summary>
    public const int FlateBombBytes = 160 << 20;

    /// <summary>The gigapixel page's side in points: the largest a PDF page may be (14,400 pt, 200 inches).</summary>
    public const int GiantPageSide = 14_400;

    private const string Font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

    /// <summary>
    /// A page whose text is painted in a Separation colour whose tint transform is a PostScript (Type 4) function nested
    /// <see cref="Type4Depth"/> levels deep: PdfPig 0.1.16 evaluates it recursively, with no depth guard, and the process
    /// dies of a StackOverflow that no catch can stop (H6). No declaration in the metadata, so validation reads the page.
    /// </summary>
    public static byte[] Type4Recursion(IReadOnlyList<string> lines)
    {
        var program = new StringBuilder(Type4Depth * 12);
        program.Append("{ ");
        program.Insert(program.Length, "true { ", Type4Depth);
        program.Append("0.5");
        program.Insert(program.Length, " } if", Type4Depth);
        program.Append(" }");
        var content = "/CS0 cs 0.5 scn\n" + RawPdf.TextOperators(lines);
        byte[][] objects =
        [
            RawPdf.Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
            RawPdf.Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            RawPdf.Ascii(A4Page("/Font << /F1 4 0 R >> /ColorSpace << /CS0 [/Separation /Spot /DeviceGray 6 0 R] >>", 5)),
            RawPdf.Ascii(Font),
            RawPdf.Stream(string.Empty, RawPdf.Ascii(content)),
            RawPdf.Stream("/FunctionType 4 /Domain [0 1] /Range [0 1] /Filter /FlateDecode", RawPdf.Flate(RawPdf.Ascii(program.ToString()))),
        ];
        return RawPdf.Assemble(objects, "/Root 1 0 R");
    }

    /// <summary>
    /// A born-digital form whose page content, a few hundred kilobytes stored, inflates to <see cref="FlateBombBytes"/>
    /// (M4). It declares its template in the metadata, so validation passes without the page and parsing meets the bomb.
    /// </summary>
    public static byte[] FlateBomb(IReadOnlyList<string> lines, PdfInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var text = RawPdf.Ascii(RawPdf.TextOperators(lines) + "\n");
        var padded = new byte[FlateBombBytes];
        Array.Fill(padded, (byte)' ');
        text.CopyTo(padded, 0);
        byte[][] objects =
        [
            RawPdf.Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
            RawPdf.Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            RawPdf.Ascii(A4Page("/Font << /F1 4 0 R >>", 5)),
            RawPdf.Ascii(Font),
            RawPdf.Stream("/Filter /FlateDecode", RawPdf.Flate(padded)),
            RawPdf.Ascii(Information(info)),
        ];
        return RawPdf.Assemble(objects, "/Root 1 0 R /Info 6 0 R");
    }

    /// <summary>
    /// A page of 14,400 by 14,400 points with no text layer: OCR at 300 dpi would render 3.6 gigapixels (M4).
    /// </summary>
    public static byte[] GigapixelPage()
    {
        var side = GiantPageSide.ToString(CultureInfo.InvariantCulture);
        byte[][] objects =
        [
            RawPdf.Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
            RawPdf.Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            RawPdf.Ascii($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {side} {side}] /Resources << >> /Contents 4 0 R >>"),
            RawPdf.Stream(string.Empty, RawPdf.Ascii("0 0 0 rg 100 100 200 200 re f")),
        ];
        return RawPdf.Assemble(objects, "/Root 1 0 R");
    }

    /// <summary>
    /// An image-only page (no text layer, so validation renders it for OCR) whose interactive form's field tree loops:
    /// a field is its own kid, and a second one nests thousands deep.
    /// </summary>
    public static byte[] RecursiveFormFields(int depth = 50_000)
    {
        var objects = new List<byte[]>
        {
            RawPdf.Ascii("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R 6 0 R] /NeedAppearances true >> >>"),
            RawPdf.Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            RawPdf.Ascii(A4Page(string.Empty, 4, "/Annots [5 0 R]")),
            RawPdf.Stream(string.Empty, RawPdf.Ascii("0 0 0 rg 56 700 300 20 re f")),
            RawPdf.Ascii("<< /FT /Tx /T (loop) /Kids [5 0 R] /Parent 5 0 R /Subtype /Widget /Rect [56 600 300 620] /P 3 0 R >>"),
        };
        // Field 6 + i has field 7 + i as its only kid: a chain as deep as the depth asked for.
        for (var i = 0; i < depth; i++)
        {
            var kid = i + 1 < depth ? $"/Kids [{(7 + i).ToString(CultureInfo.InvariantCulture)} 0 R] " : string.Empty;
            objects.Add(RawPdf.Ascii($"<< /FT /Tx /T (f{i.ToString(CultureInfo.InvariantCulture)}) {kid}>>"));
        }

        return RawPdf.Assemble(objects, "/Root 1 0 R");
    }

    /// <summary>A form whose page content is stored with <c>/JBIG2Decode</c>, a filter for images that no text reader implements.</summary>
    public static byte[] UnsupportedFilter(IReadOnlyList<string> lines)
    {
        byte[][] objects =
        [
            RawPdf.Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
            RawPdf.Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            RawPdf.Ascii(A4Page("/Font << /F1 4 0 R >>", 5)),
            RawPdf.Ascii(Font),
            RawPdf.Stream("/Filter /JBIG2Decode", RawPdf.Ascii(RawPdf.TextOperators(lines))),
        ];
        return RawPdf.Assemble(objects, "/Root 1 0 R");
    }

    /// <summary>
    /// A valid form with what every reader skips around it: a 128-byte MacBinary-style header before <c>%PDF-</c> and
    /// 2 KiB of a mail gateway's trailer after <c>%%EOF</c>.
    /// </summary>
    public static byte[] JunkAroundHeader(byte[] pdf)
    {
        var header = new byte[128];
        var name = RawPdf.Ascii("form-1572.pdf");
        header[1] = (byte)name.Length;
        name.CopyTo(header, 2);
        RawPdf.Ascii("PDF CARO").CopyTo(header, 65);
        var trailer = RawPdf.Ascii(string.Concat(Enumerable.Repeat("-- scanned for viruses by the site's mail gateway --\r\n", 40)));
        return [.. header, .. pdf, .. trailer];
    }

    /// <summary>A valid form whose <c>startxref</c> points at the wrong byte: a strict reader fails, a lenient one rebuilds the table.</summary>
    public static byte[] BrokenCrossReference(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var broken = (byte[])pdf.Clone();
        var marker = RawPdf.Ascii("startxref");
        var at = broken.AsSpan().LastIndexOf(marker) + marker.Length;
        while (broken[at] is (byte)'\r' or (byte)'\n' or (byte)' ')
        {
            at++;
        }

        // Same length, so nothing else moves: every digit becomes 1 (an offset inside the file's first objects).
        for (; broken[at] is >= (byte)'0' and <= (byte)'9'; at++)
        {
            broken[at] = (byte)'1';
        }

        return broken;
    }

    private static string A4Page(string resources, int contents, string extra = "") =>
        FormattableString.Invariant($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {TextPdf.PageWidth} {TextPdf.PageHeight}] /Resources << {resources} >> /Contents {contents} 0 R {extra}>>");

    private static string Information(PdfInfo info) =>
        $"<< /Title ({info.Title}) /Producer ({PdfInfo.Producer}) /{PdfInfo.TemplateIdKey} ({info.TemplateId}) /{PdfInfo.TemplateVersionKey} ({info.TemplateVersion}) >>";
}
