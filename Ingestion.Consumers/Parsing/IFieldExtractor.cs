using Ingestion.Consumers.Templates;
using Ingestion.Contracts;

namespace Ingestion.Consumers.Parsing;

/// <summary>Extracts a template version's fields from a stored document.</summary>
public interface IFieldExtractor
{
    /// <summary>The fields found in the stored file at <paramref name="path"/>, in the template's order; a field not found is absent.</summary>
    Task<IReadOnlyList<ExtractedField>> ExtractAsync(string path, TemplateVersion templateVersion, CancellationToken cancellationToken);
}
