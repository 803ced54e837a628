using System.Diagnostics;
using Ingestion.Consumers.Parsing.Ocr;
using Ingestion.Consumers.Reading;
using Ingestion.Consumers.Validation;
using Ingestion.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Ingestion.Tests.Scans;

/// <summary>Runs the real Poppler and Tesseract tools (scripts/infra-up.sh installs them) on a scanned-looking page.</summary>
public sealed class TesseractPageOcrTests
{
    private static readonly string[] FormLines =
    [
        "Template: FDA-1572; Version: 2.0",
        "Name of Investigator: Dr. Jane Whitfield",
        "Protocol Number: ABC-123",
        "Date Signed: 2026-03-14",
    ];

    private const string TypedFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    private DirectoryInfo folder = null!;
    private string scannedPdf = null!;

    [OneTimeSetUp]
    public async Task Scan_a_typed_form_into_an_image_only_pdf()
    {
        folder = Directory.CreateTempSubdirectory("ocr-tests-");
        var typedPdf = Path.Combine(folder.FullName, "typed.pdf");
        await File.WriteAllBytesAsync(typedPdf, TypedForm());

        // The "scanner": render the typed page and put the picture back as the page's only content.
        var imagePrefix = Path.Combine(folder.FullName, "scan");
        using (var pdftoppm = Process.Start(new ProcessStartInfo("pdftoppm") { ArgumentList = { "-r", "300", "-gray", "-png", "-singlefile", typedPdf, imagePrefix } })!)
        {
            await pdftoppm.WaitForExitAsync();
            Assert.That(pdftoppm.ExitCode, Is.Zero, "pdftoppm could not render the typed form");
        }

        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.Letter);
        page.AddPng(await File.ReadAllBytesAsync(imagePrefix + ".png"), page.PageSize);
        scannedPdf = Path.Combine(folder.FullName, "scanned.pdf");
        await File.WriteAllBytesAsync(scannedPdf, builder.Build());
    }

    [OneTimeTearDown]
    public void Remove_the_scans() => folder.Delete(recursive: true);

    [Test]
    public async Task A_scanned_form_reads_back_as_its_label_and_value_lines()
    {
        var page = await Ocr(new OcrOptions()).ReadPageAsync(scannedPdf, 1, CancellationToken.None);

        Assert.That(page.PageNumber, Is.EqualTo(1));
        Assert.That(page.Lines.Select(l => l.Text), Is.EqualTo(FormLines));
        Assert.That(page.Lines.Select(l => l.Confidence), Has.All.InRange(0.8, 1.0));
        Assert.That(page.MeanConfidence, Is.InRange(0.8, 1.0));
    }

    [Test]
    public async Task Two_readings_of_the_same_page_give_identical_lines_and_confidences()
    {
        var ocr = Ocr(new OcrOptions());

        var first = await ocr.ReadPageAsync(scannedPdf, 1, CancellationToken.None);
        var second = await ocr.ReadPageAsync(scannedPdf, 1, CancellationToken.None);

        Assert.That(second.Lines.Select(l => l.Text), Is.EqualTo(first.Lines.Select(l => l.Text)));
        Assert.That(second.Lines.SelectMany(l => l.WordConfidences), Is.EqualTo(first.Lines.SelectMany(l => l.WordConfidences)));
        Assert.That(second.MeanConfidence, Is.EqualTo(first.MeanConfidence));
    }

    [Test]
    public void A_page_that_outruns_its_time_limit_fails_with_a_timeout_and_leaves_nothing_behind()
    {
        // Rendering alone takes about a second at 1200 dpi, so the deadline stops a running pdftoppm.
        var ocr = Ocr(new OcrOptions { PageTimeoutSeconds = 0.2, Dpi = 1200 });
        var workFoldersBefore = WorkFolders();

        var timeout = Assert.ThrowsAsync<TimeoutException>(() => ocr.ReadPageAsync(scannedPdf, 1, CancellationToken.None));

        Assert.That(timeout.Message, Does.Contain("page 1 of"));
        Assert.That(RunningToolsOn(scannedPdf), Is.Empty);
        Assert.That(WorkFolders(), Is.SubsetOf(workFoldersBefore));
    }

    [Test]
    public void A_missing_tool_fails_with_the_packages_to_install()
    {
        var ocr = Ocr(new OcrOptions { TesseractPath = Path.Combine(folder.FullName, "no-such-tesseract") });

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => ocr.ReadPageAsync(scannedPdf, 1, CancellationToken.None));

        Assert.That(failure.Message, Does.Contain("tesseract-ocr tesseract-ocr-eng poppler-utils"));
    }

    [Test]
    public void A_page_the_pdf_does_not_have_fails_with_the_tools_own_error()
    {
        var failure = Assert.ThrowsAsync<UnreadableDocumentException>(() => Ocr(new OcrOptions()).ReadPageAsync(scannedPdf, 2, CancellationToken.None));

        Assert.That(failure.ErrorCode, Is.EqualTo(ErrorCodes.Malformed));
        Assert.That(failure.Message, Does.Contain("pdftoppm could not read the document").And.Contain("Wrong page range"));
    }

    private static TesseractPageOcr Ocr(OcrOptions options)
    {
        var limits = Options.Create(new ReaderOptions());
        return new(Options.Create(options), limits, new ChildSandbox(limits, NullLogger<ChildSandbox>.Instance), NullLogger<TesseractPageOcr>.Instance);
    }

    private static byte[] TypedForm()
    {
        // An embedded font, not standard-14 Helvetica: Poppler draws an unembedded Helvetica with whatever font
        // fontconfig substitutes (DejaVu Sans without fonts-urw-base35) at Helvetica's advance widths, which leaves
        // visible gaps ("Dr. J ane") that OCR then faithfully reads.
        Assert.That(File.Exists(TypedFont), $"{TypedFont} is missing (Debian package fonts-dejavu-core)");
        var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(TypedFont));
        var page = builder.AddPage(PageSize.Letter);
        var y = 720.0;
        foreach (var line in FormLines)
        {
            page.AddText(line, 12, new PdfPoint(72, y), font);
            y -= 18;
        }

        return builder.Build();
    }

    private static string[] WorkFolders() => Directory.GetDirectories(Path.GetTempPath(), "ingestion-ocr-*");

    // Linux only, like the tools: a process whose command line names our PDF or an OCR work folder.
    private static List<string> RunningToolsOn(string pdf) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => TryRead(Path.Combine(d, "cmdline")).Replace('\0', ' '))
            .Where(c => c.Contains(pdf, StringComparison.Ordinal) || c.Contains("ingestion-ocr-", StringComparison.Ordinal))
            .ToList();

    private static string TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
