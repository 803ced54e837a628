using System.Collections.Concurrent;
using Ingestion.Consumers.Parsing;
using Ingestion.Consumers.Templates;
using Ingestion.Contracts;
using Ingestion.Messaging.Resilience;

namespace Ingestion.Tests.Support;

/// <summary>
/// Wraps the real extractor and fails the first <c>failures</c> attempts on chosen documents with a transient
/// fault, the way a briefly unavailable dependency would; every other document goes straight through.
/// </summary>
internal sealed class FlakyFieldExtractor(IFieldExtractor inner, int failures, Func<string, bool> affects) : IFieldExtractor
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    public async Task<IReadOnlyList<ExtractedField>> ExtractAsync(string path, TemplateVersion templateVersion, CancellationToken cancellationToken)
    {
        // The content store names each blob by its SHA-256, so the file name is the document's hash.
        var file = Path.GetFileName(path);
        if (affects(file) && _attempts.AddOrUpdate(file, 1, (_, n) => n + 1) <= failures)
        {
            throw new TransientFaultException($"simulated outage of the extraction service (attempt {_attempts[file]})");
        }

        return await inner.ExtractAsync(path, templateVersion, cancellationToken);
    }
}
