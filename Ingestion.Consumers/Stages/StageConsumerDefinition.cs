using Ingestion.Messaging.Redelivery;
using Ingestion.Messaging.Resilience;
using Ingestion.Persistence.Outbox;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers;

/// <summary>
/// A stage's endpoint: wait-queue redelivery (<c>Ingestion:Redelivery</c>) around its retry budget for transient
/// faults (<c>Ingestion:Retry:&lt;Stage&gt;</c>). A stage that writes (archive) consumes inside the durable outbox, so
/// that nothing a failed attempt produced is ever sent and a redelivered message that was already consumed only has its
/// results sent. A stage that only computes (validate, parse) has no transaction at all: reading a document can take a
/// minute, and no database transaction or connection may be held that long; its one result carries an id derived from
/// the command's (<see cref="StageResults"/>), so the saga's inbox takes a repeat once.
/// </summary>
internal abstract class StageConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly StageRetryOptions _retry;
    private readonly bool _computesOnly;

    // EndpointName can only be set, not read.
    private readonly string _queue;

    protected StageConsumerDefinition(IOptionsMonitor<StageRetryOptions> retry, string stage, string queue, bool computesOnly = false)
    {
        ArgumentNullException.ThrowIfNull(retry);
        _retry = retry.Get(stage);
        _queue = queue;
        _computesOnly = computesOnly;
        EndpointName = queue;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        if (_computesOnly)
        {
            endpointConfigurator.UseWaitQueueRedelivery(context, _queue);
            endpointConfigurator.UseMessageRetry(r => r.ForStage(_retry));
            return;
        }

        endpointConfigurator.UseRetriedDurableConsumption(context, _queue, r => r.ForStage(_retry));
    }
}
