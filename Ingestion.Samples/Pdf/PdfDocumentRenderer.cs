using System.Globalization;

namespace Ingestion.Samples.Pdf;

/// <summary>Turns one form of a packet into the bytes of the file its <see cref="PdfVariant"/> asks for.</summary>
internal static class PdfDocumentRenderer
{
    public static byte[] Render(PdfVariant variant, SampleTemplate template, int n, SampleSite site, Random values, int documentSeed, int largePageCount)
    {
        var version = variant switch
        {
            PdfVariant.Deprecated => "1.4",
            PdfVariant.Revised => "2.2",
            _ => "2." + (n % 2).ToString(CultureInfo.InvariantCulture),
        };

        // Every variant draws its values, even one whose bytes never show them, so that the documents after it in the
        // packet get the same values whatever this one became.
        var lines = SampleForm.Lines(template, version, site, values, revised: variant == PdfVariant.Revised);
        var identity = $"{site.SiteId}/{documentSeed}/{n}";
        var info = new PdfInfo(template.TemplateId, $"Study {SamplePacketWriter.Study}, site {site.SiteId}", template.TemplateId, version, identity);
        return variant switch
        {
            PdfVariant.BornDigital or PdfVariant.Deprecated or PdfVariant.Revised => TextPdf.Build([lines], info),
            PdfVariant.Scanned => ScannedPdf.Build(
                TextPdf.Build([lines], info),
                info with { TemplateId = null, TemplateVersion = null },
                new Random(documentSeed)),
            PdfVariant.ScannedHandDated => ScannedPdf.Build(
                TextPdf.Build([[.. lines.Select(DateInWords)]], info),
                info with { TemplateId = null, TemplateVersion = null },
                new Random(documentSeed)),
            PdfVariant.Truncated => DamagedFiles.Truncated(TextPdf.Build([lines], info)),
            PdfVariant.NotPdf => DamagedFiles.ZipRenamedToPdf(lines),
            PdfVariant.Encrypted => EncryptedPdf.Build(lines, info),
            PdfVariant.Empty => [],
            PdfVariant.Large => TextPdf.Build([lines, .. ContinuationPages(template, largePageCount - 1)], info),
            PdfVariant.OwnerPasswordOnly => EncryptedPdf.Build(lines, info, userPassword: string.Empty),
            PdfVariant.JunkAroundHeader => HostilePdf.JunkAroundHeader(TextPdf.Build([lines], info)),
            PdfVariant.BrokenCrossReference => HostilePdf.BrokenCrossReference(TextPdf.Build([lines], info)),
            PdfVariant.Type4Recursion => HostilePdf.Type4Recursion(lines),
            PdfVariant.FlateBomb => HostilePdf.FlateBomb(lines, info),
            PdfVariant.GigapixelPage => HostilePdf.GigapixelPage(),
            PdfVariant.RecursiveFormFields => HostilePdf.RecursiveFormFields(),
            PdfVariant.UnsupportedFilter => HostilePdf.UnsupportedFilter(lines),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
        };
    }

    // "Date Signed: 2026-01-17" becomes "Date Signed: 17 January 2026", as a person dates a form by hand.
    private static string DateInWords(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && DateOnly.TryParseExact(line[(colon + 2)..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? $"{line[..colon]}: {date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}"
            : line;
    }

    private static IEnumerable<IReadOnlyList<string>> ContinuationPages(SampleTemplate template, int count)
    {
        for (var page = 2; page <= count + 1; page++)
        {
            var number = page;
            yield return Enumerable.Range(1, TextPdf.LinesPerPage)
                .Select(line => $"{template.TemplateId} continuation, page {number}, line {line}: entry recorded and reviewed by the site.")
                .ToList();
        }
    }
}
