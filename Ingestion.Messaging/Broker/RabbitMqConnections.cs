using RabbitMQ.Client;

namespace Ingestion.Messaging.Broker;

/// <summary>Plain AMQP connections (outside MassTransit) for the tools that read and move messages themselves.</summary>
public static class RabbitMqConnections
{
    /// <summary>
    /// Opens a connection to the broker's virtual host on the first of its nodes that accepts one, named
    /// <paramref name="clientName"/> in the management UI.
    /// </summary>
    public static Task<IConnection> ConnectAsync(RabbitMqOptions options, string clientName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequireCredentials();
        var factory = new ConnectionFactory
        {
            VirtualHost = options.VirtualHost,
            UserName = options.Username,
            Password = options.Password,
            ClientProvidedName = clientName,
        };
        return factory.CreateConnectionAsync(options.AmqpNodes().Select(n => new AmqpTcpEndpoint(n.Host, n.Port)).ToList(), cancellationToken);
    }
}
