using Ingestion.Messaging.Fleet;
using Ingestion.Messaging.Resilience;
using MassTransit;

namespace Ingestion.Audit.Receipts;

/// <summary>
/// The <c>packet-receipts</c> endpoint. Waiting for the ledger appender is the usual case, so the retries span about
/// a minute (0.2 s, growing to 10 s) before the message goes to <c>packet-receipts_error</c> for an operator to replay.
/// </summary>
internal sealed class PacketReceiptsConsumerDefinition : ConsumerDefinition<PacketReceiptsConsumer>
{
    public PacketReceiptsConsumerDefinition()
    {
        EndpointName = FleetQueues.PacketReceipts;
        // One packet at a time per process: each may sign a checkpoint, which reads the whole ledger.
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PacketReceiptsConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientFaults.IsTransient);
            r.Exponential(12, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
        });
}
