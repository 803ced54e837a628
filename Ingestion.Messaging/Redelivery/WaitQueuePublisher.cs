using System.Security.Cryptography;
using Ingestion.Messaging.Broker;
using MassTransit;
using MassTransit.RabbitMqTransport;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Ingestion.Messaging.Redelivery;

/// <summary>
/// Puts a copy of the received message, byte for byte with its AMQP properties and headers, into a durable wait
/// queue that dead-letters it back to the input queue when it expires, and returns only once the broker has
/// confirmed it. The wait queue is declared on every use with the same arguments, which is idempotent; as a quorum
/// queue it dead-letters at least once, so a copy leaves it only once the input queue has it.
/// </summary>
internal static class WaitQueuePublisher
{
    // Bounded on its own rather than by the consume token: a shutdown must not abandon a copy half-published.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);

    public static async Task PublishAsync(
        ReceiveContext received, QueueDeclarations declarations, string inputQueue, string waitQueue, int delayMs, int expirationMs,
        IReadOnlyDictionary<string, object?> headers)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(declarations);
        ArgumentNullException.ThrowIfNull(headers);
        if (!received.TryGetPayload(out RabbitMqBasicConsumeContext? delivery) || !received.TryGetPayload(out ConnectionContext? connection))
        {
            throw new InvalidOperationException($"Wait-queue redelivery needs a RabbitMQ receive endpoint; {received.InputAddress} is not one.");
        }

        var body = received.GetBody();
        var properties = new BasicProperties(delivery.Properties)
        {
            DeliveryMode = DeliveryModes.Persistent,
            Expiration = expirationMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Headers = new Dictionary<string, object?>(delivery.Properties.Headers ?? new Dictionary<string, object?>(), StringComparer.Ordinal),
        };
        foreach (var (key, value) in headers)
        {
            properties.Headers[key] = value;
        }

        properties.Headers[RedeliveryHeaders.PayloadSha256] = Convert.ToHexStringLower(SHA256.HashData(body));
        // The input queue's count of this message's deliveries is the broker's own and starts again in the wait queue.
        properties.Headers.Remove("x-delivery-count");

        using var timeout = new CancellationTokenSource(PublishTimeout);
        var arguments = declarations.WaitQueue(waitQueue, inputQueue, delayMs);
        try
        {
            await DeclareAndPublishAsync(connection, waitQueue, arguments, properties, body, timeout.Token);
        }
        catch (OperationInterruptedException refused) when (refused.ShutdownReason?.ReplyCode == Constants.PreconditionFailed)
        {
            // Declared otherwise since this worker started, by a worker with other settings: use the queue as it is.
            var existing = await declarations.RefreshAsync(waitQueue, arguments, timeout.Token);
            if (ReferenceEquals(existing, arguments))
            {
                throw;
            }

            await DeclareAndPublishAsync(connection, waitQueue, existing, properties, body, timeout.Token);
        }
    }

    private static async Task DeclareAndPublishAsync(
        ConnectionContext connection, string waitQueue, IReadOnlyDictionary<string, object> arguments, BasicProperties properties, byte[] body,
        CancellationToken cancellationToken)
    {
        // A channel of its own on MassTransit's connection (same broker, virtual host and credentials): should the
        // declare be refused, only this channel closes, never the one the endpoint consumes on.
        await using var channel = await connection.Connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        await channel.QueueDeclareAsync(
            waitQueue,
            durable: true,
            exclusive: false,
            autoDelete: false,
            arguments: arguments.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal),
            cancellationToken: cancellationToken);
        // Mandatory, with confirmation tracking: a nack or a return throws, so the original is never acknowledged
        // without its copy safely stored.
        await channel.BasicPublishAsync(string.Empty, waitQueue, mandatory: true, properties, body, cancellationToken);
    }
}
