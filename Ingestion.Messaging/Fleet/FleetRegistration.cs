using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Messaging.Fleet;

/// <summary>Registers this process's identity.</summary>
public static class FleetRegistration
{
    /// <summary>Adds <see cref="WorkerIdentity"/>, bound from <c>Ingestion:Worker</c>.</summary>
    public static IServiceCollection AddWorkerIdentity(this IServiceCollection services)
    {
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section);
        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton<Telemetry.IngestionMetrics>();
        return services;
    }
}
