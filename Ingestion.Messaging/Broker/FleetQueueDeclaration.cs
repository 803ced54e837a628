using Ingestion.Messaging.Fleet;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Ingestion.Messaging.Broker;

/// <summary>
/// Declares every work queue of the fleet, with its exchange and binding, before the bus starts and before anything is
/// sent: commands and events are sent to a queue's exchange, because a send that declared the queue itself (as
/// MassTransit's <c>queue:</c> addresses do) would declare it without arguments, which a quorum queue refuses. So that a
/// message is kept even while no worker of its role has started, every process that sends (workers and commands alike)
/// declares all of them. A quorum work queue's <c>_error</c> queue is declared too: its delivery limit dead-letters there.
/// </summary>
public sealed class FleetQueueDeclaration(
    IOptions<RabbitMqOptions> options, QueueDeclarations declarations, ILogger<FleetQueueDeclaration> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await declarations.LoadAsync(cancellationToken);
        await using var connection = await RabbitMqConnections.ConnectAsync(options.Value, "ingest queue declaration", cancellationToken);
        foreach (var queue in FleetQueues.All)
        {
            var arguments = await DeclareAsync(connection, queue, declarations.WorkQueue(queue), cancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            // The exchange and binding MassTransit's receive endpoint declares for its queue, exactly (a second binding
            // with another key would deliver every message twice).
            await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(queue, queue, string.Empty, new Dictionary<string, object?>(), cancellationToken: cancellationToken);
            if (arguments.TryGetValue("x-dead-letter-routing-key", out var errorQueue) && errorQueue is string held)
            {
                await DeclareAsync(connection, held, declarations.HeldQueue(held), cancellationToken);
            }
        }

        logger.LogDebug("Declared the fleet's queues in virtual host {VirtualHost} as {QueueType} queues", options.Value.VirtualHost, options.Value.QueueType);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<IReadOnlyDictionary<string, object>> DeclareAsync(
        IConnection connection, string queue, IReadOnlyDictionary<string, object> arguments, CancellationToken cancellationToken)
    {
        try
        {
            await DeclareOnceAsync(connection, queue, arguments, cancellationToken);
            return arguments;
        }
        catch (OperationInterruptedException refused) when (refused.ShutdownReason?.ReplyCode == Constants.PreconditionFailed)
        {
            // Declared with other arguments since this process read the broker's queues (or the management API could not be read).
            var existing = await declarations.RefreshAsync(queue, arguments, cancellationToken);
            try
            {
                await DeclareOnceAsync(connection, queue, existing, cancellationToken);
                return existing;
            }
            catch (OperationInterruptedException again) when (again.ShutdownReason?.ReplyCode == Constants.PreconditionFailed)
            {
                throw new InvalidOperationException(
                    $"Queue {queue} in virtual host {options.Value.VirtualHost} exists with other arguments than the fleet declares " +
                    $"({again.ShutdownReason?.ReplyText}), and the management API could not tell which. Check Ingestion:RabbitMq " +
                    "(ManagementPort, ManagementNodes) or migrate the queue as the README's 'Changing the queue type of a deployment' describes.",
                    again);
            }
        }
    }

    private static async Task DeclareOnceAsync(
        IConnection connection, string queue, IReadOnlyDictionary<string, object> arguments, CancellationToken cancellationToken)
    {
        // A refused declaration closes its channel, so each gets one of its own.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(
            queue, durable: true, exclusive: false, autoDelete: false,
            arguments: arguments.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal),
            cancellationToken: cancellationToken);
    }
}
