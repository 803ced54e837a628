using Ingestion.Consumers.Parsing;
using Ingestion.Consumers.Templates;
using Ingestion.Contracts;

namespace Ingestion.Tests.Support;

/// <summary>Counts every extraction attempt that reaches the wrapped extractor, so a test sees a message consumed again.</summary>
internal sealed class CountingFieldExtractor(IFieldExtractor inner) : IFieldExtractor
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<IReadOnlyList<ExtractedField>> ExtractAsync(string path, TemplateVersion templateVersion, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return inner.ExtractAsync(path, templateVersion, cancellationToken);
    }
}
