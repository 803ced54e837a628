using Ingestion.Infrastructure.Fleet;
using Ingestion.Infrastructure.Resilience;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Validation;

/// <summary>The <c>validate-document</c> endpoint: transient I/O faults are retried within the stage's budget.</summary>
internal sealed class ValidateDocumentConsumerDefinition : ConsumerDefinition<ValidateDocumentConsumer>
{
    private readonly StageRetryOptions _retry;

    public ValidateDocumentConsumerDefinition(IOptionsMonitor<StageRetryOptions> retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        _retry = retry.Get(Stages.Validate);
        EndpointName = FleetQueues.ValidateDocument;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ValidateDocumentConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.ForStage(_retry));
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
