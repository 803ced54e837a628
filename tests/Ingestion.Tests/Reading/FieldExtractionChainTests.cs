using Ingestion.Consumers.Parsing;
using Ingestion.Consumers.Parsing.Ocr;
using Ingestion.Consumers.Templates;
using Ingestion.Consumers.Reading;
using Ingestion.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Writer;

namespace Ingestion.Tests.Reading;

/// <summary>
/// The extraction fallback chain over a whole document: exact labels on the text layer or OCR'd pages, then heuristics for
/// what is still missing. OCR is scripted here (the real Tesseract is tested in tests/Ingestion.Tests/Scans); PDFs are read by the real
/// contained reader, in its child processes, as a worker reads them.
/// </summary>
public sealed class FieldExtractionChainTests
{
    private static readonly TemplateVersion Form1572 = new(
        "FDA-1572", "2.0", "05.02.08", TemplateStatus.Active,
        [
            new TemplateField("investigator_name", "Name of Investigator", "[A-Z][A-Za-z .'-]{2,80}"),
            new TemplateField("protocol_number", "Protocol Number", "[A-Z0-9-]{3,20}"),
            new TemplateField("signature_date", "Date Signed", @"\d{4}-\d{2}-\d{2}"),
        ],
        ReviewThreshold: 0.8);

    private DirectoryInfo _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("extraction-chain-tests-");

    [TearDown]
    public void DeleteFolder() => _folder.Delete(recursive: true);

    [Test]
    public async Task A_text_document_yields_each_field_from_its_label_line_in_the_templates_order_at_full_confidence()
    {
        var fields = await ExtractAsync(TextDocument(
            "Template: FDA-1572; Version: 2.0",
            "Date Signed: 2026-03-14",
            "Name of Investigator: Dr. Jane Whitfield",
            "Protocol Number: ABC-123"));

        Assert.That(
            fields.Select(f => $"{f.Name}={f.Value} {f.Tier} {f.Confidence} p.{f.Page}"),
            Is.EqualTo(new[]
            {
                "investigator_name=Dr. Jane Whitfield TEXT 1 p.1",
                "protocol_number=ABC-123 TEXT 1 p.1",
                "signature_date=2026-03-14 TEXT 1 p.1",
            }));
    }

    [Test]
    public async Task A_label_printed_twice_keeps_the_value_of_its_first_line()
    {
        var fields = await ExtractAsync(TextDocument("Protocol Number: ABC-123", "Protocol Number: XYZ-999"));

        Assert.That(fields.Single(f => f.Name == "protocol_number").Value, Is.EqualTo("ABC-123"));
    }

    [Test]
    public async Task A_misspelled_label_is_left_to_the_heuristic_tier_and_a_field_nothing_finds_is_left_out()
    {
        var fields = await ExtractAsync(TextDocument("Name of Investigator: Dr. Jane Whitfield", "Protocol Numbr: ABC-123"));

        Assert.That(fields.Select(f => $"{f.Name} {f.Tier}"), Is.EqualTo(new[] { "investigator_name TEXT", "protocol_number HEURISTIC" }));
        Assert.That(fields[1].Confidence, Is.LessThan(1));
    }

    [Test]
    public async Task A_page_without_a_text_layer_is_read_by_ocr_and_a_field_carries_the_confidence_of_its_own_words()
    {
        var ocr = new ScriptedOcr(new OcrLine("| Name of Investigator: Dr. Jane Whitfield", 0.8, [0.2, 0.9, 0.9, 0.9, 0.7, 0.8, 0.9]));

        var fields = await ExtractAsync(ImageOnlyPdf(pages: 1), ocr);

        var name = fields.Single();
        Assert.That((name.Value, name.Tier, name.Page), Is.EqualTo(("Dr. Jane Whitfield", ExtractionTiers.Ocr, 1)));
        Assert.That(name.Confidence, Is.EqualTo(Math.Round((0.7 + 0.8 + 0.9) / 3, 4)), "the speck and the label's words do not count");
    }

    [Test]
    public async Task No_more_pages_than_the_ocr_limit_are_read()
    {
        var ocr = new ScriptedOcr();

        await ExtractAsync(ImageOnlyPdf(pages: 3), ocr, new ExtractionOptions { MaxOcrPages = 2 });

        Assert.That(ocr.PagesRead, Is.EqualTo(new[] { 1, 2 }));
    }

    private static async Task<IReadOnlyList<ExtractedField>> ExtractAsync(string path, IPageOcr? ocr = null, ExtractionOptions? options = null)
    {
        var settings = Options.Create(options ?? new ExtractionOptions());
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddContainedReader()
            .BuildServiceProvider();
        var lines = new DocumentLineReader(
            services.GetRequiredService<ContainedReader>(), ocr ?? new ScriptedOcr(), settings, services.GetRequiredService<IOptions<ReaderOptions>>());
        var chain = new FieldExtractionChain(lines, settings);
        return await chain.ExtractAsync(path, Form1572, CancellationToken.None);
    }

    private string TextDocument(params string[] lines)
    {
        var path = Path.Combine(_folder.FullName, "document.txt");
        File.WriteAllLines(path, lines);
        return path;
    }

    private string ImageOnlyPdf(int pages)
    {
        using var builder = new PdfDocumentBuilder();
        for (var n = 0; n < pages; n++)
        {
            builder.AddPage(PageSize.Letter);
        }

        var path = Path.Combine(_folder.FullName, "scan.pdf");
        File.WriteAllBytes(path, builder.Build());
        return path;
    }

    private sealed class ScriptedOcr(params OcrLine[] firstPage) : IPageOcr
    {
        public List<int> PagesRead { get; } = [];

        public Task<OcrPage> ReadPageAsync(string pdfPath, int pageNumber, CancellationToken cancellationToken)
        {
            PagesRead.Add(pageNumber);
            return Task.FromResult(new OcrPage(pageNumber, pageNumber == 1 ? firstPage : [], 0.8));
        }
    }
}
