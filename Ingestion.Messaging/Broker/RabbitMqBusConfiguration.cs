using MassTransit;

namespace Ingestion.Messaging.Broker;

/// <summary>Points a MassTransit bus at the configured broker: the fleet's and the benchmarks' alike.</summary>
public static class RabbitMqBusConfiguration
{
    /// <summary>The broker's host, virtual host and credentials, and the endpoints' prefetch.</summary>
    public static void UseBroker(this IRabbitMqBusFactoryConfigurator rabbit, RabbitMqOptions options)
    {
        ArgumentNullException.ThrowIfNull(rabbit);
        ArgumentNullException.ThrowIfNull(options);
        rabbit.Host(options.Host, (ushort)options.Port, options.VirtualHost, host =>
        {
            host.Username(options.Username);
            host.Password(options.Password);
        });
        rabbit.PrefetchCount = options.PrefetchCount;
    }
}
