using System.Runtime.CompilerServices;
using System.Text;
using Ingestion.Consumers.Parsing.Ocr;
using Ingestion.Consumers.Pdf;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Parsing;

/// <summary>
/// Streams a stored document's lines page by page: a PDF page's text layer (tier 1), or for a page that has none,
/// what OCR reads (tier 2, at most <see cref="ExtractionOptions.MaxOcrPages"/> pages); a text document line by line.
/// The caller stops reading as soon as it has what it needs, so a long document is never read further than that.
/// </summary>
internal sealed class DocumentLineReader(IPageOcr ocr, IOptions<ExtractionOptions> options)
{
    public async IAsyncEnumerable<SourceLine> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false);
        var head = new byte[8];
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        file.Seek(0, SeekOrigin.Begin);
        if (!PdfFiles.HasPdfSignature(head.AsSpan(0, read)))
        {
            using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                yield return new SourceLine(line, 1, ExtractionTiers.Text, 1.0);
            }

            yield break;
        }

        using var document = PdfFiles.Open(file);
        var ocrPages = 0;
        for (var number = 1; number <= document.NumberOfPages; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = document.GetPage(number);
            if (PdfFiles.HasTextLayer(page))
            {
                foreach (var line in PdfFiles.Lines(page))
                {
                    yield return new SourceLine(line, number, ExtractionTiers.Text, 1.0);
                }

                continue;
            }

            if (++ocrPages > options.Value.MaxOcrPages)
            {
                continue;
            }

            foreach (var line in (await ocr.ReadPageAsync(path, number, cancellationToken)).Lines)
            {
                yield return new SourceLine(line.Text, number, ExtractionTiers.Ocr, line.Confidence, line.WordConfidences);
            }
        }
    }
}
