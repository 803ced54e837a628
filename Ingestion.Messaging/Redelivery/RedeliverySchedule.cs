using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Ingestion.Messaging.Redelivery;

/// <summary>How long redelivery n waits, and in which wait queue.</summary>
internal sealed class RedeliverySchedule(IOptions<StageRedeliveryOptions> options)
{
    private readonly StageRedeliveryOptions _options = options.Value;

    public int MaxRedeliveries => _options.MaxRedeliveries;

    /// <summary>The wait queue's <c>x-message-ttl</c> for redelivery <paramref name="redelivery"/> (from 1).</summary>
    public int DelayMs(int redelivery)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(redelivery, 1);
        var delay = _options.BaseDelayMs * Math.Pow(_options.Factor, redelivery - 1);
        return (int)Math.Min(delay, _options.MaxDelayMs);
    }

    /// <summary>
    /// The message's own <c>expiration</c>: the step's delay less a jitter derived from the message id, so the
    /// same message always waits the same (explainable, replayable) while a burst of messages spreads out.
    /// Jitter only shortens the wait: a queue's TTL is fixed when it is declared, and RabbitMQ expires a message
    /// at the earlier of the two, so the queue's TTL stays the upper bound.
    /// </summary>
    public int ExpirationMs(int redelivery, Guid? messageId)
    {
        var delay = DelayMs(redelivery);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{messageId}/{redelivery}"));
        var share = BinaryPrimitives.ReadUInt32BigEndian(hash) / (double)uint.MaxValue;
        return delay - (int)(delay * _options.Jitter * share);
    }

    /// <summary>
    /// One wait queue per delay, named by it: a changed schedule declares new queues instead of redeclaring an
    /// existing one with other arguments, which RabbitMQ refuses.
    /// </summary>
    public static string WaitQueue(string inputQueue, int delayMs) => $"{inputQueue}_wait_{delayMs}ms";
}
