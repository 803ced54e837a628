using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Ingestion.Samples.Pdf;

/// <summary>
/// Prints a born-digital PDF and scans it back: each page becomes one skewed, slightly specked grayscale image, and
/// nothing of the text layer or the declaration metadata survives.
/// </summary>
/// <remarks>
/// Byte-identical for a seed only on the same Poppler and fonts: the standard-14 Helvetica is not embedded, so
/// Poppler draws it with whatever fontconfig substitutes (Nimbus Sans once fonts-urw-base35 is installed).
/// </remarks>
internal static class ScannedPdf
{
    private const int Dpi = 200;
    private const double SpeckleRate = 0.002;

    public static byte[] Build(byte[] bornDigital, PdfInfo info, Random random)
    {
        if (info.TemplateId is not null || info.TemplateVersion is not null)
        {
            throw new ArgumentException("A scan carries no declaration metadata.", nameof(info));
        }

        using var builder = new PdfDocumentBuilder();
        info.ApplyTo(builder.DocumentInformation);
        foreach (var rendered in Poppler.RenderGray(bornDigital, Dpi))
        {
            var scan = ScanDistortion.Rotate(rendered, ScanDistortion.SkewDegrees(random));
            ScanDistortion.Speckle(scan, random, SpeckleRate);
            var page = builder.AddPage(TextPdf.PageWidth, TextPdf.PageHeight);
            page.AddPng(GrayPng.Encode(scan), new PdfRectangle(0, 0, TextPdf.PageWidth, TextPdf.PageHeight));
        }

        return TrailerId.Pin(builder.Build(), info.Identity);
    }
}
