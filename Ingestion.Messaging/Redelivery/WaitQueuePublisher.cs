using System.Security.Cryptography;
using MassTransit;
using MassTransit.RabbitMqTransport;
using RabbitMQ.Client;

namespace Ingestion.Messaging.Redelivery;

/// <summary>
/// Puts a copy of the received message, byte for byte with its AMQP properties and headers, into a durable wait
/// queue that dead-letters it back to the input queue when it expires, and returns only once the broker has
/// confirmed it. The wait queue is declared on every use with the same arguments, which is idempotent.
/// </summary>
internal static class WaitQueuePublisher
{
    // Bounded on its own rather than by the consume token: a shutdown must not abandon a copy half-published.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);

    public static async Task PublishAsync(ReceiveContext received, string inputQueue, string waitQueue, int delayMs, int expirationMs, IReadOnlyDictionary<string, object?> headers)
    {
        ArgumentNullException.ThrowIfNull(received);
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

        using var timeout = new CancellationTokenSource(PublishTimeout);
        // A channel of its own on MassTransit's connection (same broker, virtual host and credentials): should the
        // declare be refused, only this channel closes, never the one the endpoint consumes on.
        await using var channel = await connection.Connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            timeout.Token);
        await channel.QueueDeclareAsync(
            waitQueue,
            durable: true,
            exclusive: false,
            autoDelete: false,
            arguments: new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["x-message-ttl"] = delayMs,
                // The default exchange routes by queue name, so an expired copy goes straight back to the input queue.
                ["x-dead-letter-exchange"] = string.Empty,
                ["x-dead-letter-routing-key"] = inputQueue,
            },
            cancellationToken: timeout.Token);
        // Mandatory, with confirmation tracking: a nack or a return throws, so the original is never acknowledged
        // without its copy safely stored.
        await channel.BasicPublishAsync(string.Empty, waitQueue, mandatory: true, properties, body, timeout.Token);
    }
}
