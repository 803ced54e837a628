using Ingestion.Consumers.Parsing.Ocr;
using Ingestion.Consumers.Pdf;
using Ingestion.Contracts;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Tokens;

namespace Ingestion.Consumers.Validation;

/// <summary>
/// PDF documents. The declaration is read from the document information dictionary (<c>TemplateId</c>,
/// <c>TemplateVersion</c>); where a scanner dropped it, from the header line printed on the first page; where the page
/// is only an image, from that header line read by OCR.
/// </summary>
internal sealed class PdfDocumentFormat(IPageOcr ocr)
{
    public const string TemplateIdKey = "TemplateId";
    public const string TemplateVersionKey = "TemplateVersion";

    public async Task<DocumentDeclaration> ReadDeclarationAsync(string path, FileStream file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!PdfFiles.EndsWithEofMarker(file))
        {
            throw new UnreadableDocumentException(ErrorCodes.Malformed, "The PDF ends without its %%EOF marker: the file is truncated.");
        }

        bool firstPageHasText;
        try
        {
            using var document = PdfFiles.Open(file);
            if (document.IsEncrypted)
            {
                throw Encrypted();
            }

            if (document.NumberOfPages == 0)
            {
                throw new UnreadableDocumentException(ErrorCodes.Malformed, "The PDF has no pages.");
            }

            if (FromMetadata(document.Information.DocumentInformationDictionary) is { } declared)
            {
                return declared;
            }

            var page = document.GetPage(1);
            firstPageHasText = PdfFiles.HasTextLayer(page);
            if (firstPageHasText)
            {
                return PdfFiles.Lines(page).Take(5).Select(l => DeclarationHeader.Parse(l, DocumentDeclaration.Header)).FirstOrDefault(d => d is not null)
                    ?? throw NoDeclaration("in its metadata or in the first lines of its first page");
            }
        }
        catch (PdfDocumentEncryptedException)
        {
            throw Encrypted();
        }
        catch (Exception exception) when (exception is not UnreadableDocumentException and not OperationCanceledException)
        {
            throw new UnreadableDocumentException(ErrorCodes.Malformed, $"The PDF cannot be read: {exception.Message}");
        }

        var lines = (await ocr.ReadPageAsync(path, 1, cancellationToken)).Lines;
        return lines.Take(5).Select(l => DeclarationHeader.Parse(l.Text, DocumentDeclaration.OcrHeader)).FirstOrDefault(d => d is not null)
            ?? throw NoDeclaration("in its metadata, and OCR of its first page found no header line");
    }

    private static DocumentDeclaration? FromMetadata(DictionaryToken? information)
    {
        if (information is null
            || !information.TryGet(NameToken.Create(TemplateIdKey), out var id)
            || !information.TryGet(NameToken.Create(TemplateVersionKey), out var version))
        {
            return null;
        }

        var templateId = TextOf(id);
        var templateVersion = TextOf(version);
        return string.IsNullOrWhiteSpace(templateId) || string.IsNullOrWhiteSpace(templateVersion)
            ? null
            : new DocumentDeclaration(templateId.Trim(), templateVersion.Trim(), DocumentDeclaration.Metadata);
    }

    private static string? TextOf(IToken token) => token switch
    {
        StringToken s => s.Data,
        HexToken h => h.Data,
        NameToken n => n.Data,
        _ => null,
    };

    private static UnreadableDocumentException Encrypted() =>
        new(ErrorCodes.Encrypted, "The PDF is encrypted; an encrypted document cannot be validated or archived. The site must resubmit it unprotected.");

    private static UnreadableDocumentException NoDeclaration(string where) =>
        new(ErrorCodes.Malformed, $"The PDF declares no template {where}.");
}
