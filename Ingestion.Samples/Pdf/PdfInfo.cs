using UglyToad.PdfPig.Writer;

namespace Ingestion.Samples.Pdf;

/// <summary>
/// The document information dictionary of a generated PDF, and the identity its trailer <c>/ID</c> is derived from.
/// A null template id or version leaves the declaration out, as a scanner would.
/// </summary>
internal sealed record PdfInfo(string Title, string Subject, string? TemplateId, string? TemplateVersion, string Identity)
{
    /// <summary>The custom information entry naming the template.</summary>
    public const string TemplateIdKey = "TemplateId";

    /// <summary>The custom information entry naming the template version.</summary>
    public const string TemplateVersionKey = "TemplateVersion";

    public const string Producer = "Ingestion.Samples PDF generator";

    // PDF date strings; fixed because PdfPig would otherwise leave them out and any clock value breaks byte-identity.
    public const string Date = "D:20260105090000Z";

    public void ApplyTo(PdfDocumentBuilder.DocumentInformationBuilder information)
    {
        information.Title = Title;
        information.Subject = Subject;
        information.Producer = Producer;
        information.Creator = Producer;
        information.CreationDate = Date;
        information.ModifiedDate = Date;
        if (TemplateId is not null)
        {
            information.CustomMetadata[TemplateIdKey] = TemplateId;
        }

        if (TemplateVersion is not null)
        {
            information.CustomMetadata[TemplateVersionKey] = TemplateVersion;
        }
    }
}
