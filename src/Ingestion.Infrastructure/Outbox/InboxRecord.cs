using Npgsql;

namespace Ingestion.Infrastructure.Outbox;

/// <summary>
/// One consumer's record of one message in <c>inbox_state</c>: whether it was consumed and how far the messages it
/// produced have been sent. The row is locked for the length of the transaction, so two deliveries of the same
/// message (a broker redelivery, a relayed duplicate) take turns and the second sees what the first did.
/// </summary>
internal sealed class InboxRecord
{
    private InboxRecord(Guid messageId, Guid consumerId)
    {
        MessageId = messageId;
        ConsumerId = consumerId;
    }

    public Guid MessageId { get; }

    public Guid ConsumerId { get; }

    public int ReceiveCount { get; private set; }

    public DateTime? Consumed { get; set; }

    public DateTime? Delivered { get; set; }

    public long? LastSequenceNumber { get; set; }

    /// <summary>Locks the record, creating it on the first delivery.</summary>
    public static async Task<InboxRecord> LockAsync(
        IDatabaseTransactionContext transaction, Guid messageId, Guid consumerId, string consumerType, CancellationToken cancellationToken)
    {
        // A concurrent first delivery makes this insert wait for the other transaction; either way the row then exists.
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO inbox_state (message_id, consumer_id, consumer_type, received, receive_count)
            VALUES (@message, @consumer, @type, now(), 0)
            ON CONFLICT (message_id, consumer_id) DO NOTHING
            """,
            transaction.Connection,
            transaction.Transaction))
        {
            insert.Parameters.AddWithValue("message", messageId);
            insert.Parameters.AddWithValue("consumer", consumerId);
            insert.Parameters.AddWithValue("type", consumerType);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = new NpgsqlCommand(
            """
            SELECT receive_count, consumed, delivered, last_sequence_number FROM inbox_state
            WHERE message_id = @message AND consumer_id = @consumer FOR UPDATE
            """,
            transaction.Connection,
            transaction.Transaction);
        select.Parameters.AddWithValue("message", messageId);
        select.Parameters.AddWithValue("consumer", consumerId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"Inbox record of message {messageId} vanished while it was being locked.");
        }

        return new InboxRecord(messageId, consumerId)
        {
            ReceiveCount = reader.GetInt32(0) + 1,
            Consumed = reader.IsDBNull(1) ? null : reader.GetDateTime(1),
            Delivered = reader.IsDBNull(2) ? null : reader.GetDateTime(2),
            LastSequenceNumber = reader.IsDBNull(3) ? null : reader.GetInt64(3),
        };
    }

    public async Task SaveAsync(IDatabaseTransactionContext transaction, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand(
            """
            UPDATE inbox_state SET receive_count = @count, consumed = @consumed, delivered = @delivered, last_sequence_number = @last
            WHERE message_id = @message AND consumer_id = @consumer
            """,
            transaction.Connection,
            transaction.Transaction);
        update.Parameters.AddWithValue("count", ReceiveCount);
        update.Parameters.AddWithValue("consumed", (object?)Consumed ?? DBNull.Value);
        update.Parameters.AddWithValue("delivered", (object?)Delivered ?? DBNull.Value);
        update.Parameters.AddWithValue("last", (object?)LastSequenceNumber ?? DBNull.Value);
        update.Parameters.AddWithValue("message", MessageId);
        update.Parameters.AddWithValue("consumer", ConsumerId);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }
}
