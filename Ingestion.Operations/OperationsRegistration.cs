using Ingestion.Messaging.Breakers;
using Ingestion.Messaging.Broker;
using Ingestion.Operations.Breakers;
using Ingestion.Operations.DeadLetters;
using Ingestion.Operations.Diagnostics;
using Ingestion.Operations.Holds;
using Ingestion.Persistence.Database;
using Ingestion.Saga.Intake;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Operations;

/// <summary>Registers what operators act on: compliance holds, fleet diagnostics and dead-letter queues.</summary>
public static class OperationsRegistration
{
    /// <summary>Adds holds (and the intake gate they close), diagnostics and dead-letter operations.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddSingleton<ISchemaScript, HoldSchema>();
        services.AddSingleton<ComplianceHolds>();
        services.AddSingleton<IIntakeGate, HoldIntakeGate>();
        services.AddOptions<ComplianceHoldOptions>().BindConfiguration(ComplianceHoldOptions.Section);
        services.AddRabbitMq();
        services.AddSingleton<FleetDiagnostics>();
        services.AddSingleton<BreakerReadings>();
        services.AddDeadLetterOperations();
        return services;
    }

    /// <summary>Puts this worker's breaker transitions on the audit trail; every worker process does.</summary>
    public static IServiceCollection AddBreakerAuditTrail(this IServiceCollection services)
    {
        services.AddSingleton<BreakerAuditTrail>();
        services.AddSingleton<IBreakerTransitionListener>(sp => sp.GetRequiredService<BreakerAuditTrail>());
        return services.AddHostedService(sp => sp.GetRequiredService<BreakerAuditTrail>());
    }

    /// <summary>Adds the compliance-hold watch that every worker process runs.</summary>
    public static IServiceCollection AddComplianceHoldMonitor(this IServiceCollection services) =>
        services.AddHostedService<ComplianceHoldMonitor>();
}
