using System.Diagnostics;
using Ingestion.Messaging.Broker;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Ingestion.Operations.DeadLetters;

/// <summary>
/// The fleet's error queues (MassTransit's <c>&lt;queue&gt;_error</c>): read them without losing or reordering a
/// message, and move their messages back to the input queue or purge them, one message at a time. It needs only the
/// right to read error queues (the broker's operator user): a replay rejects a message, and the error queue's own
/// dead-letter route (<see cref="QueueArguments.Held"/>) takes it back to its input queue, so nothing is published.
/// </summary>
public sealed class DeadLetterQueues : IAsyncDisposable
{
    private const string ErrorSuffix = QueueArguments.ErrorSuffix;

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
    /// Whether a message rejected from <paramref name="errorQueue"/> goes back to its input queue: the queue's dead-letter
    /// route, which error queues declared by builds before it lack (a replay would drop their messages). Asks the
    /// management API.
    /// </summary>
    public async Task<bool> ReplaysToInputAsync(string errorQueue, CancellationToken cancellationToken = default)
    {
        var input = InputQueueOf(errorQueue);
        return await _management.QueueAsync(_virtualHost, errorQueue, cancellationToken) is { } queue
            && queue.Arguments.TryGetValue("x-dead-letter-exchange", out var exchange) && exchange is string { Length: 0 }
            && queue.Arguments.TryGetValue("x-dead-letter-routing-key", out var key) && key is string routed && routed == input;
    }

    /// <summary>
    /// Moves the matching messages of <paramref name="errorQueue"/> back to its input queue, at most
    /// <paramref name="ratePerSecond"/> a second, by rejecting each without requeue: the broker dead-letters it through
    /// the error queue's route to the input queue with its body, headers and AMQP properties (message id, correlation id,
    /// content type) as they were, plus the broker's own <c>x-death</c> record of the move, which no client can write.
    /// Who replayed it and why is on the audit trail, under the operator's signature. A quorum error queue moves it
    /// at-least-once (it leaves only once the input queue has it); a classic one at-most-once, as RabbitMQ dead-letters.
    /// </summary>
    /// <exception cref="InvalidOperationException">The error queue has no route back to its input queue (<see cref="ReplaysToInputAsync"/>).</exception>
    public async Task<DeadLetterActionResult> ReplayAsync(
        string errorQueue, DeadLetterFilter filter, int ratePerSecond, CancellationToken cancellationToken = default)
    {
        var inputQueue = InputQueueOf(errorQueue);
        if (!await ReplaysToInputAsync(errorQueue, cancellationToken))
        {
            throw new InvalidOperationException(
                $"{errorQueue} has no dead-letter route back to {inputQueue} (it was declared by an earlier build), so a replay would drop " +
                "its messages. Move them with the management UI or migrate the queue as the README's 'Changing the queue type of a deployment' describes.");
        }

        return await DrainAsync(errorQueue, filter, ratePerSecond, (channel, message, _, token) =>
            channel.BasicRejectAsync(message.DeliveryTag, requeue: false, token).AsTask(), cancellationToken);
    }

    /// <summary>
    /// Purges the matching messages of <paramref name="errorQueue"/>: <paramref name="record"/> keeps what must
    /// outlive each message (its hash and identity) before it is acknowledged, so nothing goes unrecorded.
    /// </summary>
    public Task<DeadLetterActionResult> PurgeAsync(
        string errorQueue, DeadLetterFilter filter, Func<DeadLetter, CancellationToken, Task> record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return DrainAsync(errorQueue, filter, ratePerSecond: 0, async (channel, message, letter, token) =>
        {
            await record(letter, token);
            // Recorded: acknowledge even if cancellation arrived meanwhile, so that the record and the queue agree.
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, CancellationToken.None);
        }, cancellationToken);
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
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
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

                // Settles the message: rejected back to its input queue, or acknowledged once recorded.
                await handle(channel, message, letter, cancellationToken);
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
