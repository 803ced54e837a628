using Ingestion.Messaging.Fleet;
using Ingestion.Messaging.Resilience;
using MassTransit;

namespace Ingestion.Audit.Receipts;

/// <summary>
/// The <c>packet-receipts</c> endpoint. Waiting for the ledger appender is the usual case and happens inside the consumer
/// (<see cref="ReceiptOptions.LedgerWaitSeconds"/>); the retry here, on its schedule (<c>Ingestion:Retry:Endpoints:packet-receipts</c>), is for transient faults (the
/// database restarting),
/// and a ledger still behind after the wait goes to <c>packet-receipts_error</c> for an operator to replay.
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
            r.UseSchedule(context, FleetQueues.PacketReceipts);
        });
}
