using Ingestion.Consumers.Artifacts;
using Ingestion.Consumers.Parsing.Ocr;
using Ingestion.Consumers.Reading;
using Ingestion.Contracts;
using Ingestion.Reader.Protocol;

namespace Ingestion.Consumers.Validation;

/// <summary>
/// PDF documents, read by the contained reader. The declaration is read from the document information dictionary
/// (<c>TemplateId</c>, <c>TemplateVersion</c>); where a scanner dropped it, from the header line printed on the first
/// page; where the page is only an image, from that header line read by OCR. A readable PDF that declares none is a
/// free-form document (<see cref="ArtifactTypes.FreeFormTemplate"/>), read by its artifact profile at the parse stage.
/// </summary>
internal sealed class PdfDocumentFormat(ContainedReader reader, IPageOcr ocr, ArtifactProfileRegistry profiles)
{
    public const string TemplateIdKey = "TemplateId";
    public const string TemplateVersionKey = "TemplateVersion";

    public async Task<DocumentDeclaration> ReadDeclarationAsync(string path, CancellationToken cancellationToken)
    {
        using var room = await reader.OpenRoomAsync(path, cancellationToken);
        var document = await reader.ReadAsync(room, 1, 1, [TemplateIdKey, TemplateVersionKey], cancellationToken);
        if (document.PageCount == 0)
        {
            throw new UnreadableDocumentException(ErrorCodes.Malformed, "The PDF has no pages.");
        }

        var notes = ReadingNotes.Of(document);
        if (FromMetadata(document.Information) is { } declared)
        {
            return declared with { ReadingNotes = notes };
        }

        var page = document.Pages.Count > 0 ? document.Pages[0] : new PageText(1, false, []);
        if (page.HasTextLayer)
        {
            return (page.Lines.Take(5).Select(l => DeclarationHeader.Parse(l, DocumentDeclaration.Header)).FirstOrDefault(d => d is not null)
                ?? FreeForm()) with { ReadingNotes = notes };
        }

        reader.EnsureRenderable(page);
        var lines = (await ocr.ReadPageAsync(room.Document, page.Number, cancellationToken)).Lines;
        return (lines.Take(5).Select(l => DeclarationHeader.Parse(l.Text, DocumentDeclaration.OcrHeader)).FirstOrDefault(d => d is not null)
            ?? FreeForm()) with { ReadingNotes = notes };
    }

    private static DocumentDeclaration? FromMetadata(IReadOnlyDictionary<string, string> information)
    {
        if (!information.TryGetValue(TemplateIdKey, out var templateId) || !information.TryGetValue(TemplateVersionKey, out var templateVersion)
            || string.IsNullOrWhiteSpace(templateId) || string.IsNullOrWhiteSpace(templateVersion))
        {
            return null;
        }

        return new DocumentDeclaration(templateId.Trim(), templateVersion.Trim(), DocumentDeclaration.Metadata);
    }

    private DocumentDeclaration FreeForm() => new(ArtifactTypes.FreeFormTemplate, profiles.RegistryVersion, DocumentDeclaration.None);
}
