using Ingestion.Infrastructure.Fleet;
using Ingestion.Infrastructure.Resilience;
using MassTransit;

namespace Ingestion.Saga.Packets;

/// <summary>The <c>packet-tracker</c> endpoint.</summary>
internal sealed class PacketTrackerConsumerDefinition : ConsumerDefinition<PacketTrackerConsumer>
{
    public PacketTrackerConsumerDefinition()
    {
        EndpointName = FleetQueues.PacketTracker;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PacketTrackerConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientFaults.IsTransient);
            r.Exponential(10, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100));
        });
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
