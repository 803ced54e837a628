using Ingestion.Infrastructure.Fleet;
using Ingestion.Infrastructure.Resilience;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Archive;

/// <summary>The <c>archive-document</c> endpoint.</summary>
internal sealed class ArchiveDocumentConsumerDefinition : ConsumerDefinition<ArchiveDocumentConsumer>
{
    private readonly StageRetryOptions _retry;

    public ArchiveDocumentConsumerDefinition(IOptionsMonitor<StageRetryOptions> retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        _retry = retry.Get(Stages.Archive);
        EndpointName = FleetQueues.ArchiveDocument;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ArchiveDocumentConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.ForStage(_retry));
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
