using Ingestion.Persistence.Database;
using Ingestion.Persistence.Sagas;
using Ingestion.Saga.Documents;
using Ingestion.Saga.Intake;
using Ingestion.Saga.Packets;
using Ingestion.Saga.Recovery;
using Ingestion.Saga.Review;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ingestion.Saga;

/// <summary>Registers the saga role: packet intake, the document saga and the packet tracker.</summary>
public static class SagaRegistration
{
    /// <summary>Adds the services the saga role needs; call whether or not this process runs the role.</summary>
    public static IServiceCollection AddDocumentIngestionServices(this IServiceCollection services)
    {
        services.AddSingleton<ISchemaScript, SagaSchema>();
        services.AddSingleton<TransitionAudit>();
        services.TryAddSingleton<ITransitionAuditWriter, StagedTransitionAuditWriter>();
        services.AddSingleton<PacketStatusQueries>();
        services.AddSingleton<ReviewQueries>();
        services.AddSingleton<ISchemaScript, ReviewSchema>();
        services.AddSingleton<ReviewDecisions>();
        services.AddSingleton<IReviewDecisionCheck, ReviewDecisionCheck>();
        services.TryAddSingleton<IIntakeGate, OpenIntakeGate>();
        return services;
    }

    /// <summary>Adds the recovery sweep that saga workers run.</summary>
    public static IServiceCollection AddSagaRecovery(this IServiceCollection services)
    {
        services.AddOptions<SagaRecoveryOptions>().BindConfiguration(SagaRecoveryOptions.Section);
        return services.AddHostedService<SagaRecoverySweep>();
    }

    /// <summary>Adds the saga role's endpoints to the bus.</summary>
    public static IBusRegistrationConfigurator AddDocumentIngestionSaga(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<PacketIntakeConsumer, PacketIntakeConsumerDefinition>();
        bus.AddConsumer<PacketTrackerConsumer, PacketTrackerConsumerDefinition>();
        bus.AddConsumer<ManualReviewConsumer, ManualReviewConsumerDefinition>();
        bus.AddSagaStateMachine<DocumentIngestionStateMachine, DocumentIngestionState, DocumentIngestionStateDefinition>()
            .PostgresRepository<DocumentIngestionState, DocumentIngestionStateMap>();
        return bus;
    }
}
