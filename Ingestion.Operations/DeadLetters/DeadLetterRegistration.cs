using Ingestion.Persistence.Database;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Operations.DeadLetters;

/// <summary>Registers the operators' dead-letter tooling.</summary>
public static class DeadLetterRegistration
{
    /// <summary>Adds <see cref="DeadLetterPurgeLog"/>, the <c>dead_letter_purges</c> table, the signatures and the audit of operators' actions.</summary>
    public static IServiceCollection AddDeadLetterOperations(this IServiceCollection services)
    {
        services.AddSingleton<ISchemaScript, DeadLetterSchema>();
        services.AddSingleton<DeadLetterPurgeLog>();
        services.AddSingleton<DeadLetterSignatures>();
        services.AddSingleton<DeadLetterAudit>();
        return services;
    }
}
