using Ingestion.Messaging.Fleet;
using Ingestion.Messaging.Redelivery;
using Ingestion.Messaging.Resilience;
using MassTransit;

namespace Ingestion.Audit.Ledger;

/// <summary>The <c>audit-ledger</c> endpoint: batches of up to 100 events, one batch at a time per process.</summary>
internal sealed class AuditConsumerDefinition : ConsumerDefinition<AuditConsumer>
{
    private const int BatchSize = 100;

    public AuditConsumerDefinition()
    {
        EndpointName = FleetQueues.AuditLedger;
        Endpoint(e => e.PrefetchCount = BatchSize * 2);
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AuditConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // An outage of the database longer than the retries parks the events for later instead of dead-lettering them.
        endpointConfigurator.UseWaitQueueRedelivery(context, FleetQueues.AuditLedger);
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientFaults.IsTransient);
            r.UseSchedule(context, FleetQueues.AuditLedger);
        });
        consumerConfigurator.Options<BatchOptions>(o => o
            .SetMessageLimit(BatchSize)
            .SetTimeLimit(TimeSpan.FromMilliseconds(50))
            .SetConcurrencyLimit(1));
    }
}
