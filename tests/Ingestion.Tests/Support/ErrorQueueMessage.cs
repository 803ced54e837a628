using System.Security.Cryptography;

namespace Ingestion.Tests.Support;

/// <summary>The first message of a queue read straight over AMQP (and put back): its identity and the SHA-256 of its body.</summary>
internal sealed record ErrorQueueMessage(string? MessageId, string? CorrelationId, string PayloadSha256)
{
    public static async Task<ErrorQueueMessage> PeekAsync(string vhost, string queue)
    {
        await using var connection = await RabbitManagement.ConnectAsync(vhost);
        await using var channel = await connection.CreateChannelAsync();
        var message = await channel.BasicGetAsync(queue, autoAck: false) ?? throw new InvalidOperationException($"{queue} is empty");
        await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true);
        return new ErrorQueueMessage(
            message.BasicProperties.MessageId, message.BasicProperties.CorrelationId, Convert.ToHexStringLower(SHA256.HashData(message.Body.Span)));
    }
}
