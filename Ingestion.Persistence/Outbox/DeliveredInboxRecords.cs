using System.Threading.Channels;
using Ingestion.Persistence.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Persistence.Outbox;

/// <summary>
/// Records, off the message's path, that a consumed message's sends went out from memory: many inbox records are marked
/// delivered, and their stored copies forgotten, in one statement batch. Until then a duplicate of the message re-sends
/// the stored copies under the same ids, which their receivers' inboxes absorb; a process that dies before marking leaves
/// records that <see cref="InboxCleanup"/> forgets after the retention. Nothing here can lose a message: the mark only
/// ever follows a completed send.
/// </summary>
internal sealed class DeliveredInboxRecords(IngestionDatabase database, ILogger<DeliveredInboxRecords> logger) : BackgroundService
{
    private const int BatchLimit = 1000;
    private const int MarkAttempts = 3;
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(200);

    private readonly Channel<(Guid MessageId, Guid ConsumerId)> _pending =
        Channel.CreateUnbounded<(Guid, Guid)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The sends of <paramref name="messageId"/> for <paramref name="consumerId"/> have all been accepted by the broker.</summary>
    public void Delivered(Guid messageId, Guid consumerId) => _pending.Writer.TryWrite((messageId, consumerId));

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(Guid MessageId, Guid ConsumerId)>(BatchLimit);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                // A short gathering pause turns a burst of acknowledgements into one round trip.
                await Task.Delay(Gather, stoppingToken);
                while (batch.Count < BatchLimit && _pending.Reader.TryRead(out var record))
                {
                    batch.Add(record);
                }

                await MarkAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is left is marked below, once, without the stopping token.
        }

        while (_pending.Reader.TryRead(out var record))
        {
            batch.Add(record);
        }

        await MarkAsync(batch, CancellationToken.None);
    }

    private async Task MarkAsync(List<(Guid MessageId, Guid ConsumerId)> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                await using var batch = new NpgsqlBatch(connection);
                batch.BatchCommands.Add(Command(
                    """
                    UPDATE inbox_state i SET delivered = now()
                    FROM unnest($1::uuid[], $2::uuid[]) AS d(message_id, consumer_id)
                    WHERE i.message_id = d.message_id AND i.consumer_id = d.consumer_id AND i.delivered IS NULL
                    """,
                    records));
                batch.BatchCommands.Add(Command(
                    """
                    DELETE FROM outbox_message m
                    USING unnest($1::uuid[], $2::uuid[]) AS d(message_id, consumer_id)
                    WHERE m.inbox_message_id = d.message_id AND m.inbox_consumer_id = d.consumer_id
                    """,
                    records));

                // A batch without an explicit transaction runs as one implicit transaction.
                await batch.ExecuteNonQueryAsync(cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException && attempt < MarkAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Unmarked records only cost a repeat send on a duplicate, and the cleanup forgets them later.
                logger.LogWarning(exception, "Could not mark {Count} inbox records delivered; the inbox cleanup forgets them after the retention", records.Count);
                return;
            }
        }
    }

    private static NpgsqlBatchCommand Command(string sql, List<(Guid MessageId, Guid ConsumerId)> records)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = records.Select(r => r.MessageId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = records.Select(r => r.ConsumerId).ToArray() });
        return command;
    }
}
