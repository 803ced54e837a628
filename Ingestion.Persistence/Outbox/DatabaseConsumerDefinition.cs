using MassTransit;

namespace Ingestion.Persistence.Outbox;

/// <summary>
/// An endpoint whose consumer writes to the database: transient database faults are retried on the endpoint's schedule
/// (<c>Ingestion:Retry</c>) and then through the wait queues (<c>Ingestion:Redelivery</c>), anything else faults at
/// once; its writes, its inbox record and what it sends commit together.
/// </summary>
public abstract class DatabaseConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    // EndpointName can only be set, not read.
    private readonly string _queue;

    protected DatabaseConsumerDefinition(string queue)
    {
        _queue = queue;
        EndpointName = queue;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseRetriedDurableConsumption(context, _queue);
    }
}
