using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Outbox;
using Ingestion.Persistence.Sagas;
using MassTransit;

namespace Ingestion.Saga.Documents;

/// <summary>
/// The saga's endpoint: conflicts on one document's row are retried; the new state, the inbox record and the messages the
/// transition sends commit in one transaction (the durable outbox), and are sent only after it.
/// </summary>
internal sealed class DocumentIngestionStateDefinition : SagaDefinition<DocumentIngestionState>
{
    public DocumentIngestionStateDefinition()
    {
        EndpointName = FleetQueues.DocumentIngestion;
    }

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<DocumentIngestionState> sagaConfigurator,
        IRegistrationContext context)
    {
        // A database outage that outlasts the retries parks the message in a wait queue instead of dead-lettering it.
        endpointConfigurator.UseRetriedDurableConsumption(context, FleetQueues.DocumentIngestion, r => r.Handle<SagaConcurrencyException>());
    }
}
