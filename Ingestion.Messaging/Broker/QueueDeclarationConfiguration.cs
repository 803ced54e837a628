using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Messaging.Broker;

/// <summary>Makes MassTransit declare the fleet's queues as <see cref="QueueDeclarations"/> says.</summary>
public static class QueueDeclarationConfiguration
{
    /// <summary>Every endpoint's queue gets the arguments of its queue type (or the ones it already has).</summary>
    public static IBusRegistrationConfigurator AddQueueDeclarations(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConfigureEndpointsCallback((context, queueName, endpoint) =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                context.GetRequiredService<QueueDeclarations>().ApplyToEndpoint(rabbit, queueName);
            }
        });
        return bus;
    }

    /// <summary>
    /// Every endpoint's <c>_error</c> and <c>_skipped</c> queue gets the arguments of a held queue. Reads the broker's
    /// existing queues first (see <see cref="QueueDeclarations.Load"/>).
    /// </summary>
    public static void UseQueueDeclarations(this IRabbitMqBusFactoryConfigurator rabbit, QueueDeclarations declarations)
    {
        ArgumentNullException.ThrowIfNull(rabbit);
        ArgumentNullException.ThrowIfNull(declarations);
        declarations.Load();
        rabbit.SendTopology.ConfigureErrorSettings = declarations.ApplyToHeldQueue;
        rabbit.SendTopology.ConfigureDeadLetterSettings = declarations.ApplyToHeldQueue;
    }
}
