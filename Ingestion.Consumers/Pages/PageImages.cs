using System.Globalization;
using Ingestion.Consumers.Parsing.Ocr;
using Ingestion.Consumers.Reading;
using Ingestion.Consumers.Validation;
using Ingestion.Persistence.Content;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Pages;

/// <summary>
/// Renders one page of a stored PDF as a PNG for the review console. The untrusted PDF is never parsed in the calling
/// process: Poppler's <c>pdftoppm</c> renders it as a child process inside the reading sandbox (<see cref="ChildSandbox"/>:
/// cleared environment, no network, an unprivileged user, the OCR tier's CPU, memory and file-size limits of
/// <c>Ingestion:Reader</c>), through the same tool-process path as the OCR tier, with a time limit (the tree is killed
/// when it passes) and a bounded image size. Registered by <see cref="PageImagesRegistration.AddPageImages"/>.
/// </summary>
public sealed class PageImages
{
    private static readonly byte[] PdfSignature = "%PDF-"u8.ToArray();
    private static readonly Dictionary<string, string> NoEnvironment = new(StringComparer.Ordinal);
    private readonly ContentStore _content;
    private readonly PageImageOptions _options;
    private readonly ReaderOptions _limits;
    private readonly ChildSandbox _sandbox;

    internal PageImages(ContentStore content, IOptions<PageImageOptions> options, IOptions<ReaderOptions> limits, ChildSandbox sandbox)
    {
        _content = content;
        _options = options.Value;
        _limits = limits.Value;
        _sandbox = sandbox;
    }

    /// <summary>Whether the stored content is a PDF (by its first bytes, never by a name).</summary>
    public async Task<bool> IsPdfAsync(string contentReference, CancellationToken cancellationToken = default)
    {
        await using var stream = _content.OpenRead(contentReference);
        var head = new byte[PdfSignature.Length];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return read == head.Length && head.AsSpan().SequenceEqual(PdfSignature);
    }

    /// <summary>The first <paramref name="maxChars"/> characters of stored text content (a text document), for showing as it is.</summary>
    public async Task<string> ReadTextAsync(string contentReference, int maxChars, CancellationToken cancellationToken = default)
    {
        await using var stream = _content.OpenRead(contentReference);
        using var reader = new StreamReader(stream);
        var buffer = new char[maxChars];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return new string(buffer, 0, read);
    }

    /// <summary>Page <paramref name="page"/> (from 1) as PNG bytes; null when the document has no such page.</summary>
    /// <exception cref="TimeoutException">Rendering took longer than the configured limit.</exception>
    public async Task<byte[]?> RenderAsync(string contentReference, int page, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        var settings = _options;
        var number = page.ToString(CultureInfo.InvariantCulture);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        var toolLimits = new ToolLimits(_limits.CpuSeconds, _limits.OcrMemoryMiB, _limits.MaxFileMiB);
        var childLimits = new ChildLimits((long)Math.Ceiling(_limits.CpuSeconds), (long)_limits.OcrMemoryMiB << 20, (long)_limits.MaxFileMiB << 20);
        var folder = Directory.CreateTempSubdirectory("ingestion-page-");
        try
        {
            // The tool runs as the sandbox's user: it gets a folder of its own with a copy of the document in it (a full
            // path never starts with '-', so the tool cannot mistake the file for an option).
            var pdf = Path.Combine(folder.FullName, "document.pdf");
            File.Copy(Path.GetFullPath(_content.LocalPath(contentReference)), pdf);
            _sandbox.HandOver(pdf);
            _sandbox.HandOver(folder.FullName);
            var prefix = Path.Combine(folder.FullName, "page");
            try
            {
                await OcrToolProcess.RunAsync(
                    "pdftoppm",
                    _sandbox.StartInfo(
                        settings.PdftoppmPath,
                        ["-png", "-r", settings.Dpi.ToString(CultureInfo.InvariantCulture), "-scale-to", settings.MaxPixels.ToString(CultureInfo.InvariantCulture),
                         "-f", number, "-l", number, "-singlefile", pdf, prefix],
                        childLimits,
                        NoEnvironment),
                    toolLimits,
                    static _ => { },
                    deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Rendering page {page} did not finish within {settings.TimeoutSeconds} s (Ingestion:PageImages:TimeoutSeconds).");
            }
            catch (Exception exception) when (exception is UnreadableDocumentException or InvalidOperationException && !File.Exists(prefix + ".png"))
            {
                // pdftoppm refuses a page beyond the last one (exit 99); any other failure, a limit passed included,
                // shows as a missing page too.
                return null;
            }

            return File.Exists(prefix + ".png") ? await File.ReadAllBytesAsync(prefix + ".png", cancellationToken) : null;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
