using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Ingestion.Samples.Pdf;

/// <summary>
/// A PDF written object by object, for the files PdfPig's builder cannot make (encrypted, hostile): objects numbered
/// from 1 in order, a classic cross-reference table and a trailer.
/// </summary>
internal static class RawPdf
{
    public static byte[] Assemble(IReadOnlyList<byte[]> objects, string trailerEntries)
    {
        ArgumentNullException.ThrowIfNull(objects);
        using var pdf = new MemoryStream();
        pdf.Write(Ascii("%PDF-1.4\n"));
        pdf.Write([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);
        var offsets = new long[objects.Count];
        for (var i = 0; i < objects.Count; i++)
        {
            offsets[i] = pdf.Position;
            pdf.Write(Ascii($"{(i + 1).ToString(CultureInfo.InvariantCulture)} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write(Ascii("\nendobj\n"));
        }

        var xref = pdf.Position;
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} {trailerEntries} >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Ascii(table.ToString()));
        return pdf.ToArray();
    }

    /// <summary>A stream object: its dictionary entries (without <c>/Length</c>) and its bytes as stored.</summary>
    public static byte[] Stream(string entries, byte[] data) =>
        [.. Ascii($"<< {entries} /Length {data.Length.ToString(CultureInfo.InvariantCulture)} >>\nstream\n"), .. data, .. Ascii("\nendstream")];

    /// <summary><paramref name="data"/> compressed as a <c>/FlateDecode</c> stream stores it (zlib).</summary>
    public static byte[] Flate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>A content stream that shows <paramref name="lines"/> in Helvetica (font resource <c>/F1</c>) from the top of an A4 page.</summary>
    public static string TextOperators(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"BT\n/F1 {TextPdf.FontSize} Tf\n{TextPdf.LineHeight} TL\n{TextPdf.Margin} {TextPdf.PageHeight - TextPdf.Margin} Td\n");
        foreach (var line in lines)
        {
            var escaped = line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
            text.Append(CultureInfo.InvariantCulture, $"({escaped}) Tj\nT*\n");
        }

        return text.Append("ET").ToString();
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
