using Ingestion.Infrastructure.Database;
using Ingestion.Saga.Documents;
using Ingestion.Saga.Holds;
using Ingestion.Saga.Intake;
using Ingestion.Saga.Packets;
using Ingestion.Saga.Persistence;
using Ingestion.Saga.Receipts;
using Ingestion.Saga.Recovery;
using Ingestion.Saga.Review;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Saga;

/// <summary>Registers the saga role: packet intake, the document saga and the packet tracker.</summary>
public static class SagaRegistration
{
    /// <summary>Adds the services the saga role needs; call whether or not this process runs the role.</summary>
    public static IServiceCollection AddDocumentIngestionServices(this IServiceCollection services)
    {
        services.AddSingleton<ISchemaScript, SagaSchema>();
        services.AddSingleton<TransitionAudit>();
        services.AddSingleton<PacketStatusQueries>();
        services.AddSingleton<ReviewQueries>();
        services.AddSingleton<ISchemaScript, HoldSchema>();
        services.AddSingleton<ComplianceHolds>();
        services.AddOptions<ComplianceHoldOptions>().BindConfiguration(ComplianceHoldOptions.Section);
        services.AddOptions<BrokerManagementOptions>().BindConfiguration(BrokerManagementOptions.Section);
        services.AddSingleton<QueueBacklogProbe>();
        services.AddSingleton<Diagnostics.FleetDiagnostics>();
        services.AddOptions<ReceiptOptions>().BindConfiguration(ReceiptOptions.Section);
        services.AddSingleton<ReceiptFiles>();
        return services;
    }

    /// <summary>Adds the recovery sweep that saga workers run.</summary>
    public static IServiceCollection AddSagaRecovery(this IServiceCollection services)
    {
        services.AddOptions<SagaRecoveryOptions>().BindConfiguration(SagaRecoveryOptions.Section);
        return services.AddHostedService<SagaRecoverySweep>();
    }

    /// <summary>Adds the compliance-hold watch that every worker process runs.</summary>
    public static IServiceCollection AddComplianceHoldMonitor(this IServiceCollection services) =>
        services.AddHostedService<ComplianceHoldMonitor>();

    /// <summary>Adds the endpoint that writes sites' receipts when a packet completes; audit workers run it, as they hold the signing key.</summary>
    public static IBusRegistrationConfigurator AddPacketReceipts(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<PacketReceiptsConsumer, PacketReceiptsConsumerDefinition>();
        return bus;
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
