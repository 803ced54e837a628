using Ingestion.Consumers.Parsing.Ocr;
using Ingestion.Consumers.Validation;
using Ingestion.Contracts;
using Ingestion.Reader.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Reading;

/// <summary>
/// Reads PDFs through the contained reader: a private copy of the document, a pooled reader process within the limits
/// of <see cref="ReaderOptions"/>, and what the reader found or why it could not read, as a rejection code. A crash or a
/// limit is tried again in a fresh reader up to the attempts left; every other failure is final at once.
/// </summary>
internal sealed class ContainedReader(
    ReaderPool pool, ChildSandbox sandbox, IOptions<ReaderOptions> options, IOptions<OcrOptions> ocr, ILogger<ContainedReader> logger)
{
    /// <summary>Opens a private folder holding a copy of the stored document, for the reader and the OCR tools.</summary>
    public Task<ReadingRoom> OpenRoomAsync(string storedPath, CancellationToken cancellationToken) =>
        ReadingRoom.OpenAsync(sandbox, options.Value.WorkFolder, storedPath, cancellationToken);

    /// <summary>Reads document information and the text of pages <paramref name="firstPage"/> to <paramref name="lastPage"/>.</summary>
    /// <exception cref="UnreadableDocumentException">The document cannot be read; its code says why.</exception>
    public async Task<ReadResponse> ReadAsync(
        ReadingRoom room, int firstPage, int lastPage, IReadOnlyList<string> skipPagesWhenInformationHas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(room);
        var settings = options.Value;
        var request = new ReadRequest
        {
            Path = room.Document,
            FirstPage = firstPage,
            LastPage = lastPage,
            SkipPagesWhenInformationHas = skipPagesWhenInformationHas,
            Limits = new ReadLimits
            {
                MaxDecodedStreamBytes = (long)settings.MaxDecodedStreamMiB << 20,
                MaxWordsPerPage = settings.MaxWordsPerPage,
                MaxLinesPerPage = settings.MaxLinesPerPage,
                MaxLineChars = settings.MaxLineChars,
            },
        };

        var attempts = ReadingBudget.Current ?? settings.MaxAttempts;
        ContainedFailure? failure = null;
        for (var attempt = 1; attempt <= Math.Max(1, attempts); attempt++)
        {
            var (response, contained) = await pool.ReadAsync(request, cancellationToken);
            if (response is not null)
            {
                return response.Failure is { } refused ? throw Rejection(refused) : response;
            }

            failure = contained!;
            logger.LogWarning("Reading {Document} failed on attempt {Attempt} of {Attempts}: {ErrorCode} {Reason}", room.Document, attempt, attempts, failure.Code, failure.Reason);
        }

        throw new UnreadableDocumentException(failure?.Code ?? ErrorCodes.ParserCrash, failure?.Reason ?? "The document was not read: no attempt was left.");
    }

    /// <summary>
    /// Refuses to render a page whose image at the OCR resolution would be larger than <see cref="ReaderOptions.MaxOcrMegapixels"/>
    /// (an 11,000-point page is about 2 gigapixels at 300 dpi).
    /// </summary>
    /// <exception cref="UnreadableDocumentException">The page is too large to render.</exception>
    public void EnsureRenderable(PageText page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var scale = ocr.Value.Dpi / 72.0;
        var megapixels = page.Width * scale * (page.Height * scale) / 1e6;
        if (!double.IsFinite(megapixels) || megapixels > options.Value.MaxOcrMegapixels)
        {
            throw new UnreadableDocumentException(
                ErrorCodes.ResourceLimit,
                string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"page image {options.Value.MaxOcrMegapixels:0.#} megapixels: page {page.Number} ({page.Width:0} x {page.Height:0} points) would render to {megapixels:0} megapixels at {ocr.Value.Dpi} dpi; it was not rendered."));
        }
    }

    private static Exception Rejection(ReadFailure failure) => failure.Code switch
    {
        ReadFailureCodes.NotPdf => new UnreadableDocumentException(ErrorCodes.NotPdf, failure.Detail),
        ReadFailureCodes.Encrypted => new UnreadableDocumentException(ErrorCodes.Encrypted, failure.Detail),
        ReadFailureCodes.Malformed => new UnreadableDocumentException(ErrorCodes.Malformed, failure.Detail),
        ReadFailureCodes.UnsupportedFeature => new UnreadableDocumentException(ErrorCodes.UnsupportedFeature, $"{failure.Feature}: {failure.Detail}"),
        ReadFailureCodes.ResourceLimit => new UnreadableDocumentException(ErrorCodes.ResourceLimit, $"{failure.Feature}: {failure.Detail}"),
        _ => new InvalidOperationException($"The reader refused the request: {failure.Code} {failure.Detail}"),
    };
}
