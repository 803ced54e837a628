using System.Runtime.CompilerServices;
using System.Text;
using Ingestion.Consumers.Parsing.Ocr;
using Ingestion.Consumers.Reading;
using Ingestion.Reader.Reading;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Parsing;

/// <summary>
/// Streams a stored document's lines page by page: a PDF page's text layer (tier 1), read by the contained reader a
/// batch of pages at a time, or for a page that has none, what OCR reads (tier 2, at most
/// <see cref="ExtractionOptions.MaxOcrPages"/> pages); a text document line by line, each line cut at
/// <see cref="ReaderOptions.MaxLineChars"/>. The caller stops reading as soon as it has what it needs, so a long
/// document is never read further than that, and never past <see cref="ReaderOptions.MaxPages"/>.
/// </summary>
internal sealed class DocumentLineReader(ContainedReader reader, IPageOcr ocr, IOptions<ExtractionOptions> options, IOptions<ReaderOptions> limits)
{
    public IAsyncEnumerable<SourceLine> ReadAsync(string path, CancellationToken cancellationToken) => ReadAsync(path, int.MaxValue, cancellationToken);

    /// <summary>The lines of the first <paramref name="maxPages"/> pages at most (and never past <see cref="ReaderOptions.MaxPages"/>).</summary>
    public async IAsyncEnumerable<SourceLine> ReadAsync(string path, int maxPages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var head = new byte[HeaderLocator.Window];
        int read;
        await using (var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 12, useAsync: false))
        {
            read = await probe.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }

        if (head.AsSpan(0, read).StartsWith("%PDF-"u8) || (!head.AsSpan(0, read).TrimStart("\uFEFF"u8).StartsWith("Template:"u8) && HeaderLocator.Find(head.AsSpan(0, read)) >= 0))
        {
            await foreach (var line in PdfLinesAsync(path, maxPages, cancellationToken))
            {
                yield return line;
            }

            yield break;
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false);
        using var text = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        await foreach (var line in BoundedLines.ReadAsync(text, limits.Value.MaxLineChars, cancellationToken))
        {
            yield return new SourceLine(line, 1, ExtractionTiers.Text, 1.0);
        }
    }

    private async IAsyncEnumerable<SourceLine> PdfLinesAsync(string path, int maxPages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var room = await reader.OpenRoomAsync(path, cancellationToken);
        var settings = limits.Value;
        var ocrPages = 0;
        var lastWanted = Math.Min(settings.MaxPages, maxPages);
        for (var first = 1; first <= lastWanted; first += Math.Max(1, settings.PageBatch))
        {
            var last = Math.Min(lastWanted, first + Math.Max(1, settings.PageBatch) - 1);
            var document = await reader.ReadAsync(room, first, last, [], cancellationToken);
            lastWanted = Math.Min(lastWanted, document.PageCount);
            foreach (var page in document.Pages)
            {
                if (page.HasTextLayer)
                {
                    foreach (var line in page.Lines)
                    {
                        yield return new SourceLine(line, page.Number, ExtractionTiers.Text, 1.0);
                    }

                    continue;
                }

                if (++ocrPages > options.Value.MaxOcrPages)
                {
                    continue;
                }

                reader.EnsureRenderable(page);
                foreach (var line in (await ocr.ReadPageAsync(room.Document, page.Number, cancellationToken)).Lines)
                {
                    yield return new SourceLine(line.Text, page.Number, ExtractionTiers.Ocr, line.Confidence, line.WordConfidences);
                }
            }
        }
    }
}
