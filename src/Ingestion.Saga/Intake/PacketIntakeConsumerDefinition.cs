using Ingestion.Infrastructure.Fleet;
using Ingestion.Infrastructure.Resilience;
using MassTransit;

namespace Ingestion.Saga.Intake;

/// <summary>The <c>packet-intake</c> endpoint: transient database faults are retried, invalid packets are not.</summary>
internal sealed class PacketIntakeConsumerDefinition : ConsumerDefinition<PacketIntakeConsumer>
{
    public PacketIntakeConsumerDefinition()
    {
        EndpointName = FleetQueues.PacketIntake;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PacketIntakeConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientFaults.IsTransient);
            r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
        });
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
