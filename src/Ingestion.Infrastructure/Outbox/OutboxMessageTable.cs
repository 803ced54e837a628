using MassTransit;
using MassTransit.Context;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Infrastructure.Outbox;

/// <summary>Reads and writes <c>outbox_message</c> inside a caller's transaction.</summary>
internal static class OutboxMessageTable
{
    /// <summary>
    /// Stores a message that MassTransit has fully prepared for sending (serialized body, headers, transport
    /// properties), so that relaying it later sends exactly what would have been sent now, message id included.
    /// </summary>
    public static async Task AddAsync<T>(
        IDatabaseTransactionContext transaction, SendContext<T> context, IObjectDeserializer serializer,
        OutboxOwner owner, CancellationToken cancellationToken)
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

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO outbox_message (inbox_message_id, inbox_consumer_id, outbox_id, message_id, content_type, message_type, body,
                headers, properties, conversation_id, correlation_id, initiator_id, request_id, source_address, destination_address,
                response_address, fault_address, sent_time, enqueue_time, expiration_time)
            VALUES (@inbox_message, @inbox_consumer, @outbox, @message, @content_type, @message_type, @body, @headers, @properties,
                @conversation, @correlation, @initiator, @request, @source, @destination, @response, @fault, @sent, @enqueue, @expiration)
            """,
            transaction.Connection,
            transaction.Transaction);
        var p = command.Parameters;
        p.Add(Uuid("inbox_message", owner.InboxMessageId));
        p.Add(Uuid("inbox_consumer", owner.InboxConsumerId));
        p.Add(Uuid("outbox", owner.OutboxId));
        p.Add(Uuid("message", messageId));
        p.Add(Text("content_type", context.ContentType?.ToString() ?? context.Serialization.DefaultContentType.ToString()));
        p.Add(Text("message_type", string.Join(";", context.SupportedMessageTypes)));
        p.Add(Text("body", context.Serializer.GetMessageBody(context).GetString()));
        p.Add(Text("headers", serializer.SerializeDictionary(context.Headers.GetAll())));
        p.Add(Text("properties", properties));
        p.Add(Uuid("conversation", context.ConversationId));
        p.Add(Uuid("correlation", context.CorrelationId));
        p.Add(Uuid("initiator", context.InitiatorId));
        p.Add(Uuid("request", context.RequestId));
        p.Add(Text("source", context.SourceAddress?.ToString()));
        p.Add(Text("destination", context.DestinationAddress?.ToString()));
        p.Add(Text("response", context.ResponseAddress?.ToString()));
        p.Add(Text("fault", context.FaultAddress?.ToString()));
        p.Add(Time("sent", context.SentTime ?? now));
        p.Add(Time("enqueue", context.Delay is { } delay ? now + delay : null));
        p.Add(Time("expiration", context.TimeToLive is { } ttl ? now + ttl : null));
        await command.ExecuteNonQueryAsync(cancellationToken);
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

    private static NpgsqlParameter Uuid(string name, Guid? value) => new(name, NpgsqlDbType.Uuid) { Value = value ?? (object)DBNull.Value };

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = value ?? (object)DBNull.Value };

    private static NpgsqlParameter Time(string name, DateTime? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : DBNull.Value };
}
