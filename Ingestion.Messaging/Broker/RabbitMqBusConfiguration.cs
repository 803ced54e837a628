using MassTransit;

namespace Ingestion.Messaging.Broker;

/// <summary>Points a MassTransit bus at the configured broker: the fleet's and the benchmarks' alike.</summary>
public static class RabbitMqBusConfiguration
{
    /// <summary>
    /// The broker's nodes, virtual host and credentials, and the endpoints' prefetch. With several nodes the bus connects
    /// to the first that answers and, when its node goes, reconnects to the next (MassTransit's cluster host, which hands
    /// out the nodes in turn); its endpoints resume on the survivor.
    /// </summary>
    public static void UseBroker(this IRabbitMqBusFactoryConfigurator rabbit, RabbitMqOptions options)
    {
        ArgumentNullException.ThrowIfNull(rabbit);
        ArgumentNullException.ThrowIfNull(options);
        var nodes = options.AmqpNodes();
        rabbit.Host(nodes[0].Host, (ushort)nodes[0].Port, options.VirtualHost, host =>
        {
            host.Username(options.Username);
            host.Password(options.Password);
            if (nodes.Count > 1)
            {
                host.UseCluster(cluster =>
                {
                    foreach (var node in nodes)
                    {
                        cluster.Node(node.ToString());
                    }
                });
            }
        });
        rabbit.PrefetchCount = options.PrefetchCount;
    }
}
