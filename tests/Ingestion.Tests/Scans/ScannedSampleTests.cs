using Ingestion.Samples;
using Ingestion.Samples.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace Ingestion.Tests.Scans;

/// <summary>
/// The sample writer's scanned forms, which it prints and scans back with Poppler's pdftoppm (scripts/infra-up.sh installs
/// it); the other variants are unit tests (tests/Ingestion.UnitTests/Samples).
/// </summary>
public sealed class ScannedSampleTests
{
    private const int Seed = 4242;
    private static readonly PdfVariant[] Variants = [PdfVariant.BornDigital, PdfVariant.Scanned];
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[0];

    private readonly string root = Path.Combine(Path.GetTempPath(), $"scanned-sample-tests-{Guid.NewGuid():N}");
    private string packet = string.Empty;

    [OneTimeSetUp]
    public void WritePacket() => packet = PdfPacketWriter.WritePacket(Path.Combine(root, "first"), Site, Variants, Seed);

    [OneTimeTearDown]
    public void DeletePacket() => Directory.Delete(root, recursive: true);

    [Test]
    public void The_same_seed_scans_byte_identical_pages()
    {
        var again = PdfPacketWriter.WritePacket(Path.Combine(root, "again"), Site, Variants, Seed);

        Assert.That(File.ReadAllBytes(ScanIn(again)), Is.EqualTo(File.ReadAllBytes(ScanIn(packet))));
    }

    [Test]
    public void A_scanned_form_is_one_image_per_page_with_no_text_and_no_declaration()
    {
        using var document = PdfDocument.Open(ScanIn(packet));
        var page = document.GetPage(1);

        Assert.That(page.Text.Any(char.IsLetter), Is.False);
        Assert.That(page.GetImages().Count(), Is.EqualTo(1));
        Assert.That(InformationEntry(document, "TemplateId"), Is.Null);
        Assert.That(InformationEntry(document, "TemplateVersion"), Is.Null);
    }

    private static string ScanIn(string folder) =>
        Directory.GetFiles(folder, $"{Array.IndexOf(Variants, PdfVariant.Scanned) + 1:D3}-*.pdf").Single();

    private static string? InformationEntry(PdfDocument document, string key) =>
        document.Information.DocumentInformationDictionary is { } information && information.Data.TryGetValue(key, out var value) && value is StringToken text
            ? text.Data
            : null;
}
