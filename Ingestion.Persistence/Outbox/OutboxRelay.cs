using Ingestion.Messaging.Telemetry;
using Ingestion.Persistence.Database;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Persistence.Outbox;

/// <summary>
/// Delivers what the bus outbox holds. Each transaction of the bus outbox is one row of <c>outbox_state</c>, taken with
/// <c>FOR UPDATE SKIP LOCKED</c>, so the relays of several worker processes share the work without sending anything
/// twice in the normal case; a relay that dies after sending and before its commit leaves the messages to be sent
/// again, and the receivers' inbox recognises them by their message id. It also measures the outbox backlog.
/// </summary>
public sealed class OutboxRelay(
    IngestionDatabase database,
    IBus bus,
    IHostApplicationLifetime lifetime,
    IOptions<OutboxOptions> options,
    IngestionMetrics metrics,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Has the relay run now instead of at its next tick (a sender has just committed).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    /// <summary>Relays every waiting bus-outbox transaction; returns the number of messages sent.</summary>
    public async Task<int> RelayAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (await RelayOneAsync(cancellationToken) is { } count)
        {
            sent += count;
        }

        return sent;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Sending needs a started bus.
        await WhenStarted(stoppingToken);
        var interval = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.RelayIntervalMs));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RelayAsync(stoppingToken);
                metrics.OutboxBacklog = await CountBacklogAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Outbox relay failed; trying again in {Milliseconds} ms", interval.TotalMilliseconds);
            }

            await _wake.WaitAsync(interval, stoppingToken);
        }
    }

    private async Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    private async Task<int?> RelayOneAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var holder = new OpenTransaction(connection, transaction);
        Guid outboxId;
        await using (var next = new NpgsqlCommand(
            "SELECT outbox_id FROM outbox_state ORDER BY created LIMIT 1 FOR UPDATE SKIP LOCKED", connection, transaction))
        {
            if (await next.ExecuteScalarAsync(cancellationToken) is not Guid id)
            {
                return null;
            }

            outboxId = id;
        }

        var owner = OutboxOwner.Bus(outboxId);
        var messages = await OutboxMessageTable.LoadAsync(
            holder, owner, afterSequence: 0, int.MaxValue, SystemTextJsonMessageSerializer.Instance, cancellationToken);
        foreach (var message in messages)
        {
            if (message.DestinationAddress is not { } destination)
            {
                logger.LogError("Outbox message {MessageId} has no destination; it is dropped from the outbox", message.MessageId);
                continue;
            }

            var endpoint = await bus.GetSendEndpoint(destination);
            await endpoint.Send(new SerializedMessageBody(), new OutboxMessageSendPipe(message, destination), cancellationToken);
        }

        await OutboxMessageTable.RemoveAsync(holder, owner, throughSequence: null, cancellationToken);
        await using (var done = new NpgsqlCommand("DELETE FROM outbox_state WHERE outbox_id = @id", connection, transaction))
        {
            done.Parameters.AddWithValue("id", outboxId);
            await done.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return messages.Count;
    }

    private async Task<long> CountBacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM outbox_message", connection);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }
}
