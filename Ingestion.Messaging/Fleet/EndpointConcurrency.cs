using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingestion.Messaging.Fleet;

/// <summary>Applies <see cref="EndpointConcurrencyOptions"/> to every receive endpoint.</summary>
public static class EndpointConcurrency
{
    /// <summary>Bounds each endpoint's messages in flight (<c>Ingestion:Concurrency:Limits:&lt;queue&gt;</c>).</summary>
    public static IBusRegistrationConfigurator AddEndpointConcurrency(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddOptions<EndpointConcurrencyOptions>().BindConfiguration(EndpointConcurrencyOptions.Section);
        bus.AddConfigureEndpointsCallback((context, queueName, endpoint) =>
        {
            if (context.GetRequiredService<IOptions<EndpointConcurrencyOptions>>().Value.LimitFor(queueName) is { } limit)
            {
                endpoint.ConcurrentMessageLimit = limit;
            }
        });
        return bus;
    }
}
