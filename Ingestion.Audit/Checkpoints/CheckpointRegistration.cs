using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Audit.Checkpoints;

/// <summary>Registers signed checkpoints and receipts of the audit ledger.</summary>
public static class CheckpointRegistration
{
    /// <summary>Adds the signing key (loaded only by what signs), the public key, the checkpoint store and the prover.</summary>
    public static IServiceCollection AddAuditCheckpoints(this IServiceCollection services)
    {
        services.AddOptions<LedgerSigningOptions>().BindConfiguration(LedgerSigningOptions.Section);
        services.AddSingleton<LedgerSigningKey>();
        services.AddSingleton<LedgerPublicKey>();
        services.AddSingleton<CheckpointStore>();
        services.AddSingleton<AuditProver>();
        return services;
    }
}
