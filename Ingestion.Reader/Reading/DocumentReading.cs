using Ingestion.Reader.Protocol;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Tokens;

namespace Ingestion.Reader.Reading;

/// <summary>
/// Reads one PDF as real readers do: a header anywhere in the first 1024 bytes, bytes after <c>%%EOF</c> ignored, a
/// broken cross-reference table rebuilt by PdfPig's lenient parser (tried only after the strict one failed, so that a
/// repair is known), a document with an owner password only opened with its restrictions recorded.
/// </summary>
internal static class DocumentReading
{
    public static ReadResponse Read(ReadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var file = new FileStream(request.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var head = new byte[HeaderLocator.Window];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var offset = HeaderLocator.Find(head.AsSpan(0, read));
        if (offset < 0)
        {
            return Failed(ReadFailureCodes.NotPdf, "The file is not a PDF: it does not start with the %PDF- signature, whatever its name says.");
        }

        using var view = new OffsetStream(file, offset);
        try
        {
            return StrictThenLenient(file, view, request) with { HeaderOffset = offset };
        }
        catch (PdfDocumentEncryptedException)
        {
            return Failed(ReadFailureCodes.Encrypted, "The PDF is encrypted; an encrypted document cannot be validated or archived. The site must resubmit it unprotected.");
        }
        catch (UnsupportedFeatureException unsupported)
        {
            return new ReadResponse { Failure = new ReadFailure(ReadFailureCodes.UnsupportedFeature, unsupported.Message, unsupported.Feature) };
        }
        catch (ResourceLimitException limit)
        {
            return new ReadResponse { Failure = new ReadFailure(ReadFailureCodes.ResourceLimit, limit.Message, limit.Limit) };
        }
        catch (PdfDocumentStackDepthException deep)
        {
            return new ReadResponse { Failure = new ReadFailure(ReadFailureCodes.ResourceLimit, $"The document nests objects deeper than the reader allows: {deep.Message}", "nesting depth") };
        }
    }

    private static ReadResponse StrictThenLenient(Stream file, Stream view, ReadRequest request)
    {
        try
        {
            return ReadWith(view, request, lenient: false);
        }
        catch (Exception strict) when (IsFormatProblem(strict))
        {
            // Only now the lenient parser, so that the response can say the document needed a repair.
        }

        try
        {
            return ReadWith(view, request, lenient: true) with { Repaired = true };
        }
        catch (NotSupportedException unsupported)
        {
            return new ReadResponse { Failure = new ReadFailure(ReadFailureCodes.UnsupportedFeature, $"The document uses a feature the reader does not implement: {unsupported.Message}", FeatureOf(unsupported)) };
        }
        catch (Exception lenient) when (IsFormatProblem(lenient))
        {
            return HeaderLocator.HasEofMarker(file)
                ? Failed(ReadFailureCodes.Malformed, $"The PDF cannot be read: {lenient.Message}")
                : Failed(ReadFailureCodes.Malformed, "The PDF ends without its %%EOF marker: the file is truncated.");
        }
    }

    private static string FeatureOf(NotSupportedException exception)
    {
        var message = exception.Message;
        return message.Length > 80 ? message[..80] : message;
    }

    private static ReadResponse ReadWith(Stream file, ReadRequest request, bool lenient)
    {
        file.Seek(0, SeekOrigin.Begin);
        var options = new ParsingOptions
        {
            UseLenientParsing = lenient,
            SkipMissingFonts = true,
            FilterProvider = new GuardedFilterProvider(request.Limits.MaxDecodedStreamBytes),
        };
        using var document = PdfDocument.Open(file, options);
        var information = Information(document.Information.DocumentInformationDictionary);
        var skipPages = request.SkipPagesWhenInformationHas.Count > 0
            && request.SkipPagesWhenInformationHas.All(k => information.TryGetValue(k, out var v) && !string.IsNullOrWhiteSpace(v));
        var pages = new List<PageText>();
        if (!skipPages)
        {
            for (var number = Math.Max(1, request.FirstPage); number <= Math.Min(request.LastPage, document.NumberOfPages); number++)
            {
                pages.Add(PageOf(document.GetPage(number), request.Limits));
            }
        }

        return new ReadResponse
        {
            PageCount = document.NumberOfPages,
            Information = information,
            PermissionRestrictions = document.IsEncrypted ? Permissions.Restrictions(document) : null,
            Pages = pages,
        };
    }

    private static PageText PageOf(Page page, ReadLimits limits)
    {
        if (!page.Letters.Any(l => l.Value.Any(char.IsLetterOrDigit)))
        {
            return new PageText(page.Number, HasTextLayer: false, [], Width: page.Width, Height: page.Height);
        }

        var words = page.GetWords().Take(limits.MaxWordsPerPage + 1).ToList();
        if (words.Count > limits.MaxWordsPerPage)
        {
            throw new ResourceLimitException(
                $"words per page {limits.MaxWordsPerPage}", $"Page {page.Number} has more than {limits.MaxWordsPerPage} words; a site form has a few hundred.");
        }

        var lines = LineGrouping.Lines(words);
        var truncated = lines.Count > limits.MaxLinesPerPage || lines.Any(l => l.Length > limits.MaxLineChars);
        var kept = lines.Take(limits.MaxLinesPerPage).Select(l => l.Length > limits.MaxLineChars ? l[..limits.MaxLineChars] : l).ToList();
        return new PageText(page.Number, HasTextLayer: true, kept, truncated, page.Width, page.Height);
    }

    private static Dictionary<string, string> Information(DictionaryToken? dictionary)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (dictionary is null)
        {
            return entries;
        }

        foreach (var (key, token) in dictionary.Data)
        {
            if (TextOf(token) is { } text)
            {
                entries[key] = text.Length > 1_000 ? text[..1_000] : text;
            }
        }

        return entries;
    }

    private static string? TextOf(IToken token) => token switch
    {
        StringToken s => s.Data,
        HexToken h => h.Data,
        NameToken n => n.Data,
        _ => null,
    };

    // What a damaged file throws from PdfPig: its format exceptions, and the plain ones its parser lets through.
    private static bool IsFormatProblem(Exception exception) => exception is not (PdfDocumentEncryptedException
        or UnsupportedFeatureException or ResourceLimitException or PdfDocumentStackDepthException or OutOfMemoryException
        or FileNotFoundException or UnauthorizedAccessException or DirectoryNotFoundException);

    private static ReadResponse Failed(string code, string detail) => new() { Failure = new ReadFailure(code, detail) };
}
