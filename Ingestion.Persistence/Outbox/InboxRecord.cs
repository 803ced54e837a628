using Npgsql;

namespace Ingestion.Persistence.Outbox;

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

    /// <summary>
    /// Locks the record, creating it on the first delivery, in one statement: the upsert takes the row lock (waiting for a
    /// concurrent delivery of the same message to finish) and returns the record as that delivery left it.
    /// </summary>
    public static async Task<InboxRecord> LockAsync(
        IDatabaseTransactionContext transaction, Guid messageId, Guid consumerId, string consumerType, CancellationToken cancellationToken)
    {
        await using var upsert = new NpgsqlCommand(
            """
            INSERT INTO inbox_state (message_id, consumer_id, consumer_type, received, receive_count)
            VALUES (@message, @consumer, @type, now(), 1)
            ON CONFLICT (message_id, consumer_id) DO UPDATE SET receive_count = inbox_state.receive_count + 1
            RETURNING receive_count, consumed, delivered, last_sequence_number
            """,
            transaction.Connection,
            transaction.Transaction);
        upsert.Parameters.AddWithValue("message", messageId);
        upsert.Parameters.AddWithValue("consumer", consumerId);
        upsert.Parameters.AddWithValue("type", consumerType);
        await using var reader = await upsert.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new InboxRecord(messageId, consumerId)
        {
            ReceiveCount = reader.GetInt32(0),
            Consumed = reader.IsDBNull(1) ? null : reader.GetDateTime(1),
            Delivered = reader.IsDBNull(2) ? null : reader.GetDateTime(2),
            LastSequenceNumber = reader.IsDBNull(3) ? null : reader.GetInt64(3),
        };
    }

    /// <summary>The update that saves the record's progress, to run in a batch with the step's other writes.</summary>
    public NpgsqlBatchCommand SaveCommand()
    {
        var update = new NpgsqlBatchCommand(
            "UPDATE inbox_state SET consumed = $1, delivered = $2, last_sequence_number = $3 WHERE message_id = $4 AND consumer_id = $5");
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)Consumed ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)Delivered ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)LastSequenceNumber ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        update.Parameters.Add(new NpgsqlParameter { Value = MessageId });
        update.Parameters.Add(new NpgsqlParameter { Value = ConsumerId });
        return update;
    }
}
