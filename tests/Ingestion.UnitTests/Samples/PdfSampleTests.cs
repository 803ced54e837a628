using System.Security.Cryptography;
using System.Text.Json;
using Ingestion.Samples;
using Ingestion.Samples.Pdf;
using Ingestion.Site.Submission;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Tokens;

namespace Ingestion.UnitTests.Samples;

// Writes one packet holding every variant once, in enum order, so document n is template n. A scan needs Poppler's
// pdftoppm, so a second born-digital form stands in the scan's place here; tests/Ingestion.Tests/Scans covers scans.
public sealed class PdfSampleTests
{
    private const int Seed = 4242;
    private const int LargePageCount = 40;
    private static readonly PdfVariant[] Variants =
        Enum.GetValues<PdfVariant>().Select(v => v == PdfVariant.Scanned ? PdfVariant.BornDigital : v).ToArray();
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[0];

    private readonly string root = Path.Combine(Path.GetTempPath(), $"pdf-sample-tests-{Guid.NewGuid():N}");
    private string packet = string.Empty;

    [OneTimeSetUp]
    public void WritePacket() => packet = PdfPacketWriter.WritePacket(Path.Combine(root, "first"), Site, Variants, Seed, LargePageCount);

    [OneTimeTearDown]
    public void DeletePacket() => Directory.Delete(root, recursive: true);

    [Test]
    public void The_same_seed_writes_byte_identical_packets()
    {
        var again = PdfPacketWriter.WritePacket(Path.Combine(root, "again"), Site, Variants, Seed, LargePageCount);

        var files = Directory.GetFiles(packet).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.That(Directory.GetFiles(again).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(files));
        Assert.Multiple(() =>
        {
            foreach (var file in files)
            {
                Assert.That(File.ReadAllBytes(Path.Combine(again, file!)), Is.EqualTo(File.ReadAllBytes(Path.Combine(packet, file!))), file);
            }
        });
    }

    [Test]
    public void The_manifest_lists_every_document_with_the_hash_of_its_bytes_and_a_packet_id_of_its_own()
    {
        var manifest = JsonSerializer.Deserialize<PacketManifest>(File.ReadAllText(Path.Combine(packet, PacketManifest.FileName)), JsonSerializerOptions.Web)!;
        var textPacket = SamplePacketWriter.WritePacket(Path.Combine(root, "text"), Site, [SamplePacketWriter.Variant.Current], Seed);
        var textManifest = JsonSerializer.Deserialize<PacketManifest>(File.ReadAllText(Path.Combine(textPacket, PacketManifest.FileName)), JsonSerializerOptions.Web)!;

        Assert.That(manifest.Documents.Select(d => d.DocumentId), Is.EqualTo(Variants.Select((_, n) => $"{Site.SiteId}-DOC-{n + 1:D3}")));
        Assert.That(manifest.Documents.Select(d => d.Sha256), Is.EqualTo(manifest.Documents.Select(d => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(packet, d.File)))))));
        Assert.That(manifest.Documents[0].File, Is.EqualTo("001-fda-1572.pdf"));
        Assert.That(manifest.PacketId, Is.Not.Null.And.Not.EqualTo(textManifest.PacketId));
    }

    [Test]
    public void A_born_digital_form_opens_with_its_declaration_in_the_text_and_the_document_information()
    {
        using var document = PdfDocument.Open(FileOf(PdfVariant.BornDigital));

        Assert.That(document.GetPage(1).Text, Does.Contain("Template: FDA-1572; Version: 2.0"));
        Assert.That(InformationEntry(document, "TemplateId"), Is.EqualTo("FDA-1572"));
        Assert.That(InformationEntry(document, "TemplateVersion"), Is.EqualTo("2.0"));
    }

    [Test]
    public void A_deprecated_form_declares_version_1_4()
    {
        using var document = PdfDocument.Open(FileOf(PdfVariant.Deprecated));

        Assert.That(document.GetPage(1).Text, Does.Contain("Template: MEDICAL-LICENCE; Version: 1.4"));
        Assert.That(InformationEntry(document, "TemplateVersion"), Is.EqualTo("1.4"));
    }

    [Test]
    public void A_revised_form_declares_version_2_2_and_prints_the_revised_labels_last_field_first()
    {
        using var document = PdfDocument.Open(FileOf(PdfVariant.Revised));
        var text = document.GetPage(1).Text;

        Assert.That(text, Does.Contain("Template: GCP-CERTIFICATE; Version: 2.2"));
        Assert.That(text, Does.Contain("Completed On: ").And.Contain("Participant: ").And.Not.Contain("Trainee: "));
        Assert.That(text.IndexOf("Completed On: ", StringComparison.Ordinal), Is.LessThan(text.IndexOf("Participant: ", StringComparison.Ordinal)));
    }

    [Test]
    public void An_encrypted_form_is_refused_without_its_password_and_opens_with_it()
    {
        var file = FileOf(PdfVariant.Encrypted);

        Assert.That(() => PdfDocument.Open(file).Dispose(), Throws.InstanceOf<PdfDocumentEncryptedException>());
        using var document = PdfDocument.Open(file, new ParsingOptions { Password = EncryptedPdf.UserPassword });
        Assert.That(document.GetPage(1).Text, Does.Contain("Template: PROTOCOL-SIGNATURE; Version: 2.0"));
    }

    [Test]
    public void A_truncated_form_does_not_open()
    {
        Assert.That(() =>
        {
            using var document = PdfDocument.Open(FileOf(PdfVariant.Truncated));
            _ = document.GetPage(1).Text;
        }, Throws.Exception);
    }

    [Test]
    public void An_empty_form_has_no_bytes()
    {
        Assert.That(new FileInfo(FileOf(PdfVariant.Empty)).Length, Is.Zero);
    }

    [Test]
    public void A_file_that_is_not_a_pdf_does_not_start_with_the_pdf_header()
    {
        var bytes = File.ReadAllBytes(FileOf(PdfVariant.NotPdf));

        Assert.That(bytes, Is.Not.Empty);
        Assert.That(bytes.AsSpan().StartsWith("%PDF-"u8), Is.False);
    }

    [Test]
    public void A_large_form_has_the_requested_page_count_and_its_declaration()
    {
        using var document = PdfDocument.Open(FileOf(PdfVariant.Large));

        Assert.That(document.NumberOfPages, Is.EqualTo(LargePageCount));
        Assert.That(InformationEntry(document, "TemplateId"), Is.EqualTo("DELEGATION-LOG"));
    }

    private string FileOf(PdfVariant variant) =>
        Directory.GetFiles(packet, $"{Array.IndexOf(Variants, variant) + 1:D3}-*.pdf").Single();

    private static string? InformationEntry(PdfDocument document, string key) =>
        document.Information.DocumentInformationDictionary is { } information && information.Data.TryGetValue(key, out var value) && value is StringToken text
            ? text.Data
            : null;
}
