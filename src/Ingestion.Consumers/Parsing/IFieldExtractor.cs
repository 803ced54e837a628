using Ingestion.Consumers.Templates;
using Ingestion.Contracts;

namespace Ingestion.Consumers.Parsing;

/// <summary>Extracts a template version's fields from a stored document; one implementation per file format.</summary>
public interface IFieldExtractor
{
    /// <summary>The fields found, in the template's order; a field not found is simply absent.</summary>
    Task<IReadOnlyList<ExtractedField>> ExtractAsync(Stream content, TemplateVersion templateVersion, CancellationToken cancellationToken);
}
