using Ingestion.Audit.Checkpoints;
using Ingestion.Audit.Export;
using Ingestion.Audit.Ledger;
using Ingestion.Infrastructure.Database;
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
        services.AddSingleton<ISchemaScript, CheckpointSchema>();
        services.AddAuditCheckpoints();
        services.AddSingleton<AuditExporter>();
        services.AddSingleton<Bench.LedgerBenchmark>();
        return services;
    }

    /// <summary>Adds the periodic signed checkpoints that audit workers write.</summary>
    public static IServiceCollection AddPeriodicCheckpoints(this IServiceCollection services) =>
        services.AddHostedService<PeriodicCheckpoints>();

    /// <summary>Adds the audit role's endpoint.</summary>
    public static IBusRegistrationConfigurator AddAuditStage(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<AuditConsumer, AuditConsumerDefinition>();
        return bus;
    }
}
