using System.Diagnostics;
using System.Globalization;
using Ingestion.Consumers.Reading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Parsing.Ocr;

/// <summary>
/// Renders one page with Poppler's <c>pdftoppm</c> into a private temporary folder and reads it with Tesseract, both
/// inside the reading sandbox (<see cref="ChildSandbox"/>) with the CPU, memory and file-size limits of
/// <see cref="ReaderOptions"/>. The wall-time limit covers both tools; the rendered image lives on disk only, never in memory.
/// </summary>
internal sealed class TesseractPageOcr(IOptions<OcrOptions> options, IOptions<ReaderOptions> limits, ChildSandbox sandbox, ILogger<TesseractPageOcr> logger) : IPageOcr
{
    // OpenMP threads make Tesseract's results depend on scheduling; one thread makes them reproducible.
    private static readonly Dictionary<string, string> TesseractEnvironment = new(StringComparer.Ordinal) { ["OMP_THREAD_LIMIT"] = "1" };
    private static readonly Dictionary<string, string> NoEnvironment = new(StringComparer.Ordinal);

    public async Task<OcrPage> ReadPageAsync(string pdfPath, int pageNumber, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pdfPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNumber, 1);
        var settings = options.Value;
        var limit = TimeSpan.FromSeconds(settings.PageTimeoutSeconds);
        // A full path never starts with '-', so the tools cannot mistake the file for an option.
        var source = Path.GetFullPath(pdfPath);
        var dpi = settings.Dpi.ToString(CultureInfo.InvariantCulture);
        var page = pageNumber.ToString(CultureInfo.InvariantCulture);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var bounds = limits.Value;
        var toolLimits = new ToolLimits(bounds.CpuSeconds, bounds.OcrMemoryMiB, bounds.MaxFileMiB);
        var childLimits = new ChildLimits((long)Math.Ceiling(bounds.CpuSeconds), (long)bounds.OcrMemoryMiB << 20, (long)bounds.MaxFileMiB << 20);
        var workFolder = Directory.CreateTempSubdirectory("ingestion-ocr-");
        var pdf = Path.Combine(workFolder.FullName, "document.pdf");
        try
        {
            // The tools run as the sandbox's user: they get a folder of their own with a copy of the document in it.
            File.Copy(source, pdf);
            sandbox.HandOver(pdf);
            sandbox.HandOver(workFolder.FullName);
            var started = Stopwatch.GetTimestamp();
            var imagePrefix = Path.Combine(workFolder.FullName, "page");
            await OcrToolProcess.RunAsync(
                "pdftoppm",
                sandbox.StartInfo(settings.PdftoppmPath, ["-r", dpi, "-gray", "-f", page, "-l", page, "-singlefile", pdf, imagePrefix], childLimits, NoEnvironment),
                toolLimits,
                static _ => { },
                deadline.Token);
            var rendered = Stopwatch.GetElapsedTime(started);

            var assembler = new OcrLineAssembler();
            await OcrToolProcess.RunAsync(
                "tesseract",
                sandbox.StartInfo(
                    settings.TesseractPath,
                    [imagePrefix + ".pgm", "stdout", "--dpi", dpi, "--psm", settings.PageSegmentationMode.ToString(CultureInfo.InvariantCulture), "-l", settings.Language, "tsv"],
                    childLimits,
                    TesseractEnvironment),
                toolLimits,
                assembler.Add,
                deadline.Token);
            var result = assembler.Build(pageNumber);

            logger.LogInformation(
                "OCR read page {PageNumber} of {PdfPath}: {LineCount} lines, mean confidence {MeanConfidence:F3} (render {RenderMs:F0} ms, recognise {RecogniseMs:F0} ms at {Dpi} dpi)",
                pageNumber, source, result.Lines.Count, result.MeanConfidence, rendered.TotalMilliseconds,
                (Stopwatch.GetElapsedTime(started) - rendered).TotalMilliseconds, settings.Dpi);
            return result;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // No inner exception on purpose: MassTransit treats a fault whose base exception is an
            // OperationCanceledException as a cancelled consumer and never retries it, but a time-out is transient.
            throw new TimeoutException(
                $"OCR of page {pageNumber} of '{source}' did not finish within {limit.TotalSeconds:0.###} s (Ingestion:Ocr:PageTimeoutSeconds); its tools were stopped.");
        }
        finally
        {
            DeleteWorkFolder(workFolder);
        }
    }

    private void DeleteWorkFolder(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder must not turn a page that was read into a failure.
            logger.LogWarning(exception, "Could not delete OCR work folder {Folder}", folder.FullName);
        }
    }
}
