using Ingestion.Messaging.Resilience;
using Ingestion.Persistence.Outbox;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers;

/// <summary>
/// A stage's endpoint: wait-queue redelivery (<c>Ingestion:Redelivery</c>) around its retry budget for transient
/// faults (<c>Ingestion:Retry:&lt;Stage&gt;</c>), then the durable outbox, so that nothing a failed attempt produced is
/// ever sent and a redelivered message that was already consumed only has its results sent.
/// </summary>
internal abstract class StageConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly StageRetryOptions _retry;

    // EndpointName can only be set, not read.
    private readonly string _queue;

    protected StageConsumerDefinition(IOptionsMonitor<StageRetryOptions> retry, string stage, string queue)
    {
        ArgumentNullException.ThrowIfNull(retry);
        _retry = retry.Get(stage);
        _queue = queue;
        EndpointName = queue;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseRetriedDurableConsumption(context, _queue, r => r.ForStage(_retry));
    }
}
