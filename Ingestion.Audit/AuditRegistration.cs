using Ingestion.Audit.Checkpoints;
using Ingestion.Audit.Export;
using Ingestion.Audit.Ledger;
using Ingestion.Audit.Receipts;
using Ingestion.Persistence.Database;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Audit;

/// <summary>Registers the audit ledger and its consumer.</summary>
public static class AuditRegistration
{
    /// <summary>Adds the ledger, its verifier and its schema.</summary>
    public static IServiceCollection AddAuditLedger(this IServiceCollection services)
    {
        services.AddSingleton<ISchemaScript, AuditSchema>();
        services.AddSingleton<AuditLedger>();
        services.AddSingleton<AuditChainVerifier>();
        services.AddSingleton<TimelineVerifier>();
        services.AddSingleton<ISchemaScript, CheckpointSchema>();
        services.AddSingleton<ISchemaScript, MerkleNodeSchema>();
        services.AddAuditCheckpoints();
        services.AddSingleton<AuditExporter>();
        services.AddOptions<ReceiptOptions>().BindConfiguration(ReceiptOptions.Section);
        services.AddSingleton<ReceiptFiles>();
        return services;
    }

    /// <summary>Adds the periodic signed checkpoints that audit workers write.</summary>
    public static IServiceCollection AddPeriodicCheckpoints(this IServiceCollection services) =>
        services.AddHostedService<PeriodicCheckpoints>();

    /// <summary>Adds the endpoint that writes sites' receipts when a packet completes; audit workers run it, as they hold the signing key.</summary>
    public static IBusRegistrationConfigurator AddPacketReceipts(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<PacketReceiptsConsumer, PacketReceiptsConsumerDefinition>();
        return bus;
    }

    /// <summary>Adds the audit role's endpoint.</summary>
    public static IBusRegistrationConfigurator AddAuditStage(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<AuditConsumer, AuditConsumerDefinition>();
        return bus;
    }
}
