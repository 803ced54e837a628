using Ingestion.Audit.Checkpoints;
using Ingestion.Audit.Export;
using Ingestion.Audit.Ledger;
using Ingestion.Audit.Receipts;
using Ingestion.Audit.Staging;
using Ingestion.Persistence.Database;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Audit;

/// <summary>Registers the audit ledger, its staging table and the appender that chains it.</summary>
public static class AuditRegistration
{
    /// <summary>Adds the ledger, its verifier, its schema, the entry factory and the staging every process writes to.</summary>
    public static IServiceCollection AddAuditLedger(this IServiceCollection services)
    {
        services.AddSingleton<ISchemaScript, AuditSchema>();
        services.AddSingleton<ISchemaScript, AuditStagingSchema>();
        services.AddSingleton<LedgerDatabase>();
        services.AddSingleton<AuditLedger>();
        // Only the ledger appender's role adds to the ledger and its checkpoints; the fleet reads them and stages entries.
        services.AddSingleton(new LedgerWrittenTable("audit_ledger", "SELECT", "SELECT, INSERT"));
        services.AddSingleton(new LedgerWrittenTable("audit_checkpoints", "SELECT", "SELECT, INSERT"));
        services.AddSingleton(new LedgerWrittenTable("audit_merkle_nodes", "SELECT", "SELECT, INSERT"));
        services.AddSingleton(new LedgerWrittenTable("audit_staging", "SELECT, INSERT", "SELECT, DELETE"));
        services.AddSingleton<AuditEntryFactory>();
        services.AddSingleton<AuditStaging>();
        services.AddSingleton<LedgerAppender>();
        services.AddOptions<LedgerAppenderOptions>().BindConfiguration(LedgerAppenderOptions.Section);
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

    /// <summary>Runs the appender that chains staged entries in this process; audit workers do.</summary>
    public static IServiceCollection AddLedgerAppender(this IServiceCollection services) =>
        services.AddHostedService(sp => sp.GetRequiredService<LedgerAppender>());

    /// <summary>Adds the periodic signed checkpoints that audit workers write.</summary>
    public static IServiceCollection AddPeriodicCheckpoints(this IServiceCollection services) =>
        services.AddHostedService<PeriodicCheckpoints>();

    /// <summary>
    /// Adds the endpoint that writes sites' receipts when a packet completes; audit workers run it, as they hold the
    /// signing key and the ledger appender's role.
    /// </summary>
    public static IBusRegistrationConfigurator AddPacketReceipts(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<PacketReceiptsConsumer, PacketReceiptsConsumerDefinition>();
        return bus;
    }
}
