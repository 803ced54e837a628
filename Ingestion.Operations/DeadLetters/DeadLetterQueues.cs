using System.Diagnostics;
using Ingestion.Messaging.Broker;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Ingestion.Operations.DeadLetters;

/// <summary>
/// The fleet's error queues (MassTransit's <c>&lt;queue&gt;_error</c>): read them without losing or reordering a
/// message, and move their messages back to the input queue or purge them, one confirmed message at a time.
/// </summary>
public sealed class DeadLetterQueues : IAsyncDisposable
{
    /// <summary>Header naming the operator who replayed a message.</summary>
    public const string ReplayedByHeader = "x-ingestion-replayed-by";

    /// <summary>Header holding the operator's reason for a replay.</summary>
    public const string ReplayReasonHeader = "x-ingestion-replay-reason";

    /// <summary>Header holding when a message was replayed (UTC, ISO 8601).</summary>
    public const string ReplayedAtHeader = "x-ingestion-replayed-at";

    private const string ErrorSuffix = "_error";

    private readonly RabbitMqManagementClient _management;
    private readonly string _virtualHost;
    private readonly IConnection _connection;

    private DeadLetterQueues(RabbitMqManagementClient management, string virtualHost, IConnection connection)
    {
        _management = management;
        _virtualHost = virtualHost;
        _connection = connection;
    }

    /// <summary>Opens one AMQP connection to the broker's virtual host; the management API finds its error queues.</summary>
    public static async Task<DeadLetterQueues> ConnectAsync(
        RabbitMqOptions broker, RabbitMqManagementClient management, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(management);
        return new DeadLetterQueues(management, broker.VirtualHost, await RabbitMqConnections.ConnectAsync(broker, "ingest dlq", cancellationToken));
    }

    /// <summary>Whether <paramref name="queue"/> is an error queue by name.</summary>
    public static bool IsErrorQueue(string queue) =>
        queue is not null && queue.EndsWith(ErrorSuffix, StringComparison.Ordinal) && queue.Length > ErrorSuffix.Length;

    /// <summary>The input queue an error queue's messages came from: its name without <c>_error</c>.</summary>
    public static string InputQueueOf(string errorQueue) =>
        IsErrorQueue(errorQueue) ? errorQueue[..^ErrorSuffix.Length] : throw new ArgumentException($"{errorQueue} is not an error queue.", nameof(errorQueue));

    /// <summary>The virtual host's error queues, by name; AMQP cannot list queues, so this asks the management API.</summary>
    public async Task<IReadOnlyList<string>> ErrorQueuesAsync(CancellationToken cancellationToken = default) =>
        (await _management.QueuesAsync(_virtualHost, cancellationToken))
            .Select(q => q.Name)
            .Where(IsErrorQueue)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Whether the queue exists.</summary>
    public async Task<bool> ExistsAsync(string queue, CancellationToken cancellationToken = default)
    {
        // A failed passive declare closes the channel, so it gets one of its own.
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            return true;
        }
        catch (OperationInterruptedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads every message of the queue that matches <paramref name="filter"/>. Messages are taken without
    /// acknowledgement and held until the end, then all put back at once: none is read twice, none lost, and the
    /// broker returns requeued messages to their original positions.
    /// </summary>
    public async Task<IReadOnlyList<DeadLetter>> PeekAsync(string queue, DeadLetterFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var depth = (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        var letters = new List<DeadLetter>();
        ulong lastTag = 0;
        try
        {
            for (var i = 0u; i < depth; i++)
            {
                var message = await channel.BasicGetAsync(queue, autoAck: false, cancellationToken);
                if (message is null)
                {
                    break;
                }

                lastTag = message.DeliveryTag;
                var letter = DeadLetterReader.Read(queue, message);
                if (filter.Matches(letter))
                {
                    letters.Add(letter);
                }
            }
        }
        finally
        {
            if (lastTag > 0)
            {
                await channel.BasicNackAsync(lastTag, multiple: true, requeue: true, CancellationToken.None);
            }
        }

        return letters;
    }

    /// <summary>
    /// Moves the matching messages of <paramref name="errorQueue"/> back to its input queue, at most
    /// <paramref name="ratePerSecond"/> a second. Each copy keeps the body, the headers and the AMQP properties
    /// (message id, correlation id, content type), gains the replay headers, and is published persistent and
    /// mandatory; only once the broker has confirmed it is the error-queue message acknowledged. An interruption
    /// therefore leaves at worst a duplicate, which the idempotent consumers absorb, and never a loss.
    /// </summary>
    public Task<DeadLetterActionResult> ReplayAsync(
        string errorQueue, DeadLetterFilter filter, string replayedBy, string reason, int ratePerSecond, CancellationToken cancellationToken = default)
    {
        var inputQueue = InputQueueOf(errorQueue);
        return DrainAsync(errorQueue, filter, ratePerSecond, async (channel, message, _, token) =>
        {
            var properties = new BasicProperties(message.BasicProperties)
            {
                Persistent = true,
                Headers = new Dictionary<string, object?>(message.BasicProperties.Headers ?? new Dictionary<string, object?>())
                {
                    [ReplayedByHeader] = replayedBy,
                    [ReplayReasonHeader] = reason,
                    [ReplayedAtHeader] = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                },
            };
            // A quorum queue's count of deliveries belongs to the queue that counted them; the copy starts afresh (x-death,
            // the history of its dead-lettering, stays).
            properties.Headers.Remove(DeadLetterReader.DeliveryCountHeader);

            // The default exchange routes by queue name straight to the input queue; mandatory makes a missing
            // queue a returned (failed) publish instead of a silent drop.
            await channel.BasicPublishAsync(string.Empty, inputQueue, mandatory: true, properties, message.Body, token);
        }, cancellationToken);
    }

    /// <summary>
    /// Purges the matching messages of <paramref name="errorQueue"/>: <paramref name="record"/> keeps what must
    /// outlive each message (its hash and identity) before it is acknowledged, so nothing goes unrecorded.
    /// </summary>
    public Task<DeadLetterActionResult> PurgeAsync(
        string errorQueue, DeadLetterFilter filter, Func<DeadLetter, CancellationToken, Task> record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return DrainAsync(errorQueue, filter, ratePerSecond: 0, (_, _, letter, token) => record(letter, token), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _connection.CloseAsync();
        _connection.Dispose();
    }

    private async Task<DeadLetterActionResult> DrainAsync(
        string queue,
        DeadLetterFilter filter,
        int ratePerSecond,
        Func<IChannel, BasicGetResult, DeadLetter, CancellationToken, Task> handle,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        await using var channel = await _connection.CreateChannelAsync(options, cancellationToken);
        var depth = (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        var clock = Stopwatch.StartNew();
        int done = 0, kept = 0;
        ulong lastKeptTag = 0;
        var interrupted = false;
        try
        {
            // Bounded by the depth at the start: messages that fault while this runs wait for the next run.
            for (var i = 0u; i < depth; i++)
            {
                var message = await channel.BasicGetAsync(queue, autoAck: false, cancellationToken);
                if (message is null)
                {
                    break;
                }

                var letter = DeadLetterReader.Read(queue, message);
                if (!filter.Matches(letter))
                {
                    // Held unacknowledged until the end, so that it is not fetched again; then put back in place.
                    lastKeptTag = message.DeliveryTag;
                    kept++;
                    continue;
                }

                if (ratePerSecond > 0)
                {
                    var due = TimeSpan.FromSeconds((double)done / ratePerSecond) - clock.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, cancellationToken);
                    }
                }

                await handle(channel, message, letter, cancellationToken);
                // The copy is confirmed or recorded: acknowledge even if cancellation arrived meanwhile, to avoid a duplicate.
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, CancellationToken.None);
                done++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Whatever was taken but not confirmed stays unacknowledged and goes back to the queue below or on close.
            interrupted = true;
        }
        finally
        {
            if (lastKeptTag > 0 && channel.IsOpen)
            {
                await channel.BasicNackAsync(lastKeptTag, multiple: true, requeue: true, CancellationToken.None);
            }
        }

        return new DeadLetterActionResult(done, kept, interrupted);
    }
}
