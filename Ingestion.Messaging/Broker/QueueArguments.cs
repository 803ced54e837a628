namespace Ingestion.Messaging.Broker;

/// <summary>
/// The arguments the fleet declares its queues with, by <see cref="RabbitMqOptions.QueueType"/>. A classic queue is
/// declared as it always was; a quorum queue adds what makes it safe: a delivery limit, and at-least-once dead-lettering
/// (which RabbitMQ only does with <c>x-overflow: reject-publish</c>), so that a message leaves a queue only once the queue
/// it moves to has it.
/// </summary>
public static class QueueArguments
{
    /// <summary>The suffix of a queue's error queue (MassTransit's name for it).</summary>
    public const string ErrorSuffix = "_error";

    /// <summary>The suffix of a queue's skipped queue (MassTransit's dead-letter queue for messages no consumer took).</summary>
    public const string SkippedSuffix = "_skipped";

    /// <summary>
    /// A work queue (a stage, the saga, intake, tracker, review, audit ledger, receipts). Quorum: a message delivered
    /// <see cref="RabbitMqOptions.DeliveryLimit"/> times more without being acknowledged goes to <c>&lt;queue&gt;_error</c>
    /// through the default exchange, so that one that kills its consumer cannot take the fleet down over and over.
    /// </summary>
    public static IReadOnlyDictionary<string, object> Work(RabbitMqOptions options, string queue)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.QueueType == RabbitMqQueueType.Quorum
            ? new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["x-queue-type"] = "quorum",
                ["x-delivery-limit"] = options.DeliveryLimit,
                ["x-dead-letter-exchange"] = string.Empty,
                ["x-dead-letter-routing-key"] = queue + ErrorSuffix,
                ["x-dead-letter-strategy"] = "at-least-once",
                ["x-overflow"] = "reject-publish",
            }
            : new Dictionary<string, object>(StringComparer.Ordinal);
    }

    /// <summary>
    /// An error or skipped queue: kept until an operator acts, so no delivery limit (reading one puts its messages back,
    /// which a quorum queue counts as a delivery) and no expiry. Its one way back is a dead-letter route to its input
    /// queue: a message rejected without requeue (<c>ingest dlq replay</c>, or the management UI's "Reject requeue
    /// false") is moved there by the broker itself. So a replay needs no right to publish, and the operator, who may only
    /// read these queues, can return what the fleet dead-lettered but can put nothing of their own into a live queue.
    /// </summary>
    public static IReadOnlyDictionary<string, object> Held(RabbitMqOptions options, string queue)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arguments = new Dictionary<string, object>(StringComparer.Ordinal);
        if (InputQueueOf(queue) is { } input)
        {
            arguments["x-dead-letter-exchange"] = string.Empty;
            arguments["x-dead-letter-routing-key"] = input;
        }

        if (options.QueueType == RabbitMqQueueType.Quorum)
        {
            arguments["x-queue-type"] = "quorum";
            if (arguments.Count > 1)
            {
                arguments["x-dead-letter-strategy"] = "at-least-once";
                arguments["x-overflow"] = "reject-publish";
            }
        }

        return arguments;
    }

    /// <summary>The input queue of an error or skipped queue (its name without the suffix); null for any other queue.</summary>
    public static string? InputQueueOf(string queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        foreach (var suffix in (string[])[ErrorSuffix, SkippedSuffix])
        {
            if (queue.Length > suffix.Length && queue.EndsWith(suffix, StringComparison.Ordinal))
            {
                return queue[..^suffix.Length];
            }
        }

        return null;
    }

    /// <summary>A wait queue: its messages expire after <paramref name="delayMs"/> back into <paramref name="inputQueue"/>.</summary>
    public static IReadOnlyDictionary<string, object> Wait(RabbitMqOptions options, string inputQueue, int delayMs)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arguments = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["x-message-ttl"] = delayMs,
            // The default exchange routes by queue name, so an expired copy goes straight back to the input queue.
            ["x-dead-letter-exchange"] = string.Empty,
            ["x-dead-letter-routing-key"] = inputQueue,
        };
        if (options.QueueType == RabbitMqQueueType.Quorum)
        {
            arguments["x-queue-type"] = "quorum";
            arguments["x-dead-letter-strategy"] = "at-least-once";
            arguments["x-overflow"] = "reject-publish";
        }

        return arguments;
    }
}
