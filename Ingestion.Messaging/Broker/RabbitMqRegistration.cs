using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Ingestion.Messaging.Broker;

/// <summary>Registers the broker's settings and its management API client.</summary>
public static class RabbitMqRegistration
{
    /// <summary>
    /// Adds <see cref="RabbitMqOptions"/> (an unknown key under <c>Ingestion:RabbitMq</c> or an impossible value fails
    /// when the host starts, or when a command first reads them), the typed <see cref="RabbitMqManagementClient"/>, the
    /// work queues' backlog probe and the <see cref="QueueDeclarations"/>. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddRabbitMq(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(s => s.ServiceType == typeof(RabbitMqManagementClient)))
        {
            return services;
        }

        services.AddOptions<RabbitMqOptions>()
            .BindConfiguration(RabbitMqOptions.Section, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RabbitMqOptions>, RabbitMqOptionsValidator>());
        services.AddHttpClient<RabbitMqManagementClient>(http => http.Timeout = RabbitMqManagementClient.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(RabbitMqManagementClient.CreateHandler);
        services.TryAddSingleton<QueueBacklogProbe>();
        services.TryAddSingleton<QueueDeclarations>();
        return services;
    }

    /// <summary>
    /// Declares the fleet's queues when the host starts (<see cref="FleetQueueDeclaration"/>); register it before the bus
    /// and before anything that sends.
    /// </summary>
    public static IServiceCollection AddFleetQueueDeclaration(this IServiceCollection services) =>
        services.AddRabbitMq().AddHostedService<FleetQueueDeclaration>();
}
