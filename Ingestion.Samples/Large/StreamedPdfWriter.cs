using System.Globalization;
using System.Text;

namespace Ingestion.Samples.Large;

/// <summary>
/// Writes a born-digital Form FDA 1572 of any size, straight to disk: page 1 carries the form's text and its template
/// metadata, every further page one incompressible 1 MiB grayscale image. Nothing is held in memory but one image, so
/// a 500 MB or 1 GB document can be made to measure how the fleet's memory behaves with it.
/// </summary>
public static class StreamedPdfWriter
{
    private const int ImageSide = 1024;
    private const int FirstPageObject = 4;

    /// <summary>Writes the document; returns its size in bytes (at least <paramref name="targetBytes"/>).</summary>
    public static long Write(string path, long targetBytes, SampleSite site, int seed)
    {
        ArgumentNullException.ThrowIfNull(site);
        var imagePages = (int)Math.Max(0, (targetBytes + ImageSide * ImageSide - 1) / (ImageSide * ImageSide));
        var pageCount = imagePages + 1;
        var random = new Random(seed);
        var template = SampleTemplates.All[0];
        var lines = SampleForm.Lines(template, "2.0", site, random);

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var offsets = new List<long>();
        Write(file, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var kids = string.Join(' ', Enumerable.Range(0, pageCount).Select(i => $"{FirstPageObject + (3 * i)} 0 R"));
        Object(file, offsets, 1, "<< /Type /Catalog /Pages 2 0 R >>");
        Object(file, offsets, 2, $"<< /Type /Pages /Kids [{kids}] /Count {pageCount} >>");
        Object(file, offsets, 3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");

        var text = new StringBuilder("BT /F1 11 Tf 14 TL 56 790 Td\n");
        foreach (var line in lines)
        {
            text.Append(CultureInfo.InvariantCulture, $"({Escape(line)}) Tj T*\n");
        }

        text.Append("ET");
        WritePage(file, offsets, 0, text.ToString(), image: null);

        var pixels = new byte[ImageSide * ImageSide];
        for (var i = 1; i < pageCount; i++)
        {
            random.NextBytes(pixels);
            WritePage(file, offsets, i, $"BT /F1 9 Tf 56 800 Td (Attachment page {i + 1}) Tj ET q 480 0 0 480 56 200 cm /Im1 Do Q", pixels);
        }

        var info = FirstPageObject + (3 * pageCount);
        Object(file, offsets, info,
            $"<< /TemplateId ({template.TemplateId}) /TemplateVersion (2.0) /Title (Statement of Investigator) /Producer (Ingestion sample generator) >>");

        var xref = file.Position;
        var table = new StringBuilder().Append(CultureInfo.InvariantCulture, $"xref\n0 {info + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {info + 1} /Root 1 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        Write(file, table.ToString());
        return file.Length;
    }

    private static void WritePage(FileStream file, List<long> offsets, int index, string content, byte[]? image)
    {
        var page = FirstPageObject + (3 * index);
        var xobject = image is null ? string.Empty : $" /XObject << /Im1 {page + 2} 0 R >>";
        Object(file, offsets, page,
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >>{xobject} >> /Contents {page + 1} 0 R >>");
        Stream(file, offsets, page + 1, string.Empty, Encoding.Latin1.GetBytes(content));
        Stream(file, offsets, page + 2,
            $"/Type /XObject /Subtype /Image /Width {ImageSide} /Height {ImageSide} /ColorSpace /DeviceGray /BitsPerComponent 8 ",
            image ?? [255]);
    }

    private static void Object(FileStream file, List<long> offsets, int number, string body)
    {
        Record(offsets, number, file.Position);
        Write(file, $"{number} 0 obj\n{body}\nendobj\n");
    }

    private static void Stream(FileStream file, List<long> offsets, int number, string dictionary, byte[] data)
    {
        if (dictionary.Length > 0 && data.Length == 1)
        {
            // A text-only page has no image; keep the object numbering regular with a 1x1 placeholder.
            dictionary = "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 ";
        }

        Record(offsets, number, file.Position);
        Write(file, $"{number} 0 obj\n<< {dictionary}/Length {data.Length} >>\nstream\n");
        file.Write(data);
        Write(file, "\nendstream\nendobj\n");
    }

    private static void Record(List<long> offsets, int number, long position)
    {
        while (offsets.Count < number)
        {
            offsets.Add(0);
        }

        offsets[number - 1] = position;
    }

    private static void Write(FileStream file, string text) => file.Write(Encoding.Latin1.GetBytes(text));

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
}
