using Ingestion.Consumers.Parsing;
using Ingestion.Consumers.Templates;
using Ingestion.Contracts;

namespace Ingestion.Tests.Support;

/// <summary>
/// Wraps the real extractor and kills the whole process, as a native crash or an out-of-memory kill would, when it is
/// given the one poisonous document; every other document goes straight through. Put into real worker processes by
/// <see cref="PoisonStartupHook"/>.
/// </summary>
internal sealed class PoisonFieldExtractor(IFieldExtractor inner, string poisonSha256) : IFieldExtractor
{
    public Task<IReadOnlyList<ExtractedField>> ExtractAsync(string path, TemplateVersion templateVersion, CancellationToken cancellationToken)
    {
        // The content store names each blob by its SHA-256, so the file name is the document's hash.
        if (string.Equals(Path.GetFileName(path), poisonSha256, StringComparison.OrdinalIgnoreCase))
        {
            Environment.FailFast($"Poisonous document {poisonSha256}: the extractor takes the worker process down.");
        }

        return inner.ExtractAsync(path, templateVersion, cancellationToken);
    }
}
