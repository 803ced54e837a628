using Ingestion.Consumers.Parsing;
using Ingestion.Consumers.Templates;
using Ingestion.Contracts;
using Ingestion.Messaging.Resilience;

namespace Ingestion.Tests.Support;

/// <summary>Wraps the real extractor in a dependency the test can take down and bring back: while down, every call fails transiently.</summary>
internal sealed class OutageFieldExtractor(IFieldExtractor inner, Outage outage) : IFieldExtractor
{
    public Task<IReadOnlyList<ExtractedField>> ExtractAsync(string path, TemplateVersion templateVersion, CancellationToken cancellationToken) =>
        outage.Down
            ? throw new TransientFaultException("simulated outage of the extraction dependency")
            : inner.ExtractAsync(path, templateVersion, cancellationToken);
}
