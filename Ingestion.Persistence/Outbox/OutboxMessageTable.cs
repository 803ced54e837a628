using MassTransit;
using MassTransit.Context;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Persistence.Outbox;

/// <summary>Reads and writes <c>outbox_message</c> inside a caller's transaction.</summary>
internal static class OutboxMessageTable
{
    /// <summary>
    /// Takes what MassTransit has fully prepared for sending (serialized body, headers, transport properties), so that
    /// relaying it later sends exactly what would have been sent now, message id included. Nothing is written yet: a
    /// consumer's sends are written with its inbox record, at the end of its step.
    /// </summary>
    public static OutboxRow Prepare<T>(SendContext<T> context, IObjectDeserializer serializer, OutboxOwner owner)
        where T : class
    {
        var messageId = context.MessageId ?? throw new MessageException(typeof(T), "A message stored in the outbox needs a message id.");
        var now = DateTime.UtcNow;
        string? properties = null;
        if (context is TransportSendContext<T> transport)
        {
            var values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            transport.WritePropertiesTo(values);
            properties = serializer.SerializeDictionary(values);
        }

        return new OutboxRow(
            owner,
            messageId,
            context.ContentType?.ToString() ?? context.Serialization.DefaultContentType.ToString(),
            string.Join(";", context.SupportedMessageTypes),
            context.Serializer.GetMessageBody(context).GetString(),
            serializer.SerializeDictionary(context.Headers.GetAll()),
            properties,
            context.ConversationId,
            context.CorrelationId,
            context.InitiatorId,
            context.RequestId,
            context.SourceAddress,
            context.DestinationAddress,
            context.ResponseAddress,
            context.FaultAddress,
            context.SentTime ?? now,
            context.Delay is { } delay ? now + delay : null,
            context.TimeToLive is { } ttl ? now + ttl : null);
    }

    /// <summary>Writes prepared messages, in order, in the caller's transaction.</summary>
    public static async Task InsertAsync(IDatabaseTransactionContext transaction, IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(transaction.Connection, transaction.Transaction);
        foreach (var row in rows)
        {
            batch.BatchCommands.Add(InsertCommand(row));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The insert of one prepared message, to run in a batch.</summary>
    public static NpgsqlBatchCommand InsertCommand(OutboxRow row)
    {
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO outbox_message (inbox_message_id, inbox_consumer_id, outbox_id, message_id, content_type, message_type, body,
                headers, properties, conversation_id, correlation_id, initiator_id, request_id, source_address, destination_address,
                response_address, fault_address, sent_time, enqueue_time, expiration_time)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
            """);
        var p = command.Parameters;
        p.Add(Uuid(row.Owner.InboxMessageId));
        p.Add(Uuid(row.Owner.InboxConsumerId));
        p.Add(Uuid(row.Owner.OutboxId));
        p.Add(Uuid(row.MessageId));
        p.Add(Text(row.ContentType));
        p.Add(Text(row.MessageType));
        p.Add(Text(row.Body));
        p.Add(Text(row.Headers));
        p.Add(Text(row.Properties));
        p.Add(Uuid(row.ConversationId));
        p.Add(Uuid(row.CorrelationId));
        p.Add(Uuid(row.InitiatorId));
        p.Add(Uuid(row.RequestId));
        p.Add(Text(row.SourceAddress?.ToString()));
        p.Add(Text(row.DestinationAddress?.ToString()));
        p.Add(Text(row.ResponseAddress?.ToString()));
        p.Add(Text(row.FaultAddress?.ToString()));
        p.Add(Time(row.SentTime));
        p.Add(Time(row.EnqueueTime));
        p.Add(Time(row.ExpirationTime));
        return command;
    }

    /// <summary>The owner's messages after <paramref name="afterSequence"/>, oldest first.</summary>
    public static async Task<List<StoredOutboxMessage>> LoadAsync(
        IDatabaseTransactionContext transaction, OutboxOwner owner, long afterSequence, int limit, IObjectDeserializer deserializer,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {StoredOutboxMessage.Columns} FROM outbox_message WHERE {owner.Filter} AND sequence_number > @after " +
            "ORDER BY sequence_number LIMIT @limit",
            transaction.Connection,
            transaction.Transaction);
        owner.AddParameters(command);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("limit", limit);
        var messages = new List<StoredOutboxMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(StoredOutboxMessage.Read(reader, deserializer));
        }

        return messages;
    }

    /// <summary>Removes the owner's messages up to and including <paramref name="throughSequence"/> (all when null).</summary>
    public static async Task<int> RemoveAsync(
        IDatabaseTransactionContext transaction, OutboxOwner owner, long? throughSequence, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"DELETE FROM outbox_message WHERE {owner.Filter}" + (throughSequence is null ? string.Empty : " AND sequence_number <= @through"),
            transaction.Connection,
            transaction.Transaction);
        owner.AddParameters(command);
        if (throughSequence is { } through)
        {
            command.Parameters.AddWithValue("through", through);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Uuid(Guid? value) => new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = value ?? (object)DBNull.Value };

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = value ?? (object)DBNull.Value };

    private static NpgsqlParameter Time(DateTime? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : DBNull.Value };
}
