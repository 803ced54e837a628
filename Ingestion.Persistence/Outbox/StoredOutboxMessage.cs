using MassTransit;
using MassTransit.Metadata;
using MassTransit.Middleware;
using MassTransit.Serialization;
using Npgsql;

namespace Ingestion.Persistence.Outbox;

/// <summary>One row of <c>outbox_message</c>, in the shape MassTransit's delivery pipe sends from.</summary>
internal sealed class StoredOutboxMessage : OutboxMessageContext
{
    private static readonly IReadOnlyDictionary<string, object> NoProperties = new Dictionary<string, object>();

    private Headers _headers = EmptyHeaders.Instance;
    private IReadOnlyDictionary<string, object> _properties = NoProperties;

    public long SequenceNumber { get; private init; }

    public Guid MessageId { get; private init; }

    public string ContentType { get; private init; } = string.Empty;

    public string MessageType { get; private init; } = string.Empty;

    public string Body { get; private init; } = string.Empty;

    public Guid? RequestId { get; private init; }

    public Guid? CorrelationId { get; private init; }

    public Guid? ConversationId { get; private init; }

    public Guid? InitiatorId { get; private init; }

    public DateTime? ExpirationTime { get; private init; }

    public Uri? SourceAddress { get; private init; }

    public Uri? DestinationAddress { get; private init; }

    public Uri? ResponseAddress { get; private init; }

    public Uri? FaultAddress { get; private init; }

    public DateTime SentTime { get; private init; }

    Guid? MessageContext.MessageId => MessageId;

    DateTime? MessageContext.SentTime => SentTime;

    public Headers Headers => _headers;

    public HostInfo Host => HostMetadataCache.Host;

    public IReadOnlyDictionary<string, object> Properties => _properties;

    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns =
        "sequence_number, message_id, content_type, message_type, body, headers, properties, request_id, correlation_id, " +
        "conversation_id, initiator_id, expiration_time, source_address, destination_address, response_address, fault_address, sent_time";

    public static StoredOutboxMessage Read(NpgsqlDataReader reader, IObjectDeserializer deserializer)
    {
        var message = new StoredOutboxMessage
        {
            SequenceNumber = reader.GetInt64(0),
            MessageId = reader.GetGuid(1),
            ContentType = reader.GetString(2),
            MessageType = reader.GetString(3),
            Body = reader.GetString(4),
            RequestId = NullableGuid(reader, 7),
            CorrelationId = NullableGuid(reader, 8),
            ConversationId = NullableGuid(reader, 9),
            InitiatorId = NullableGuid(reader, 10),
            ExpirationTime = reader.IsDBNull(11) ? null : reader.GetDateTime(11),
            SourceAddress = NullableUri(reader, 12),
            DestinationAddress = NullableUri(reader, 13),
            ResponseAddress = NullableUri(reader, 14),
            FaultAddress = NullableUri(reader, 15),
            SentTime = reader.GetDateTime(16),
        };
        if (!reader.IsDBNull(5) && deserializer.DeserializeDictionary<object?>(reader.GetString(5)) is { } headers)
        {
            message._headers = new DictionarySendHeaders(headers);
        }

        if (!reader.IsDBNull(6) && deserializer.DeserializeDictionary<object>(reader.GetString(6)) is { } properties)
        {
            message._properties = properties;
        }

        return message;
    }

    /// <summary>A message as it was written by the step that just committed, to be sent without reading it back.</summary>
    public static StoredOutboxMessage FromRow(OutboxRow row, IObjectDeserializer deserializer)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(deserializer);
        var message = new StoredOutboxMessage
        {
            MessageId = row.MessageId,
            ContentType = row.ContentType,
            MessageType = row.MessageType,
            Body = row.Body,
            RequestId = row.RequestId,
            CorrelationId = row.CorrelationId,
            ConversationId = row.ConversationId,
            InitiatorId = row.InitiatorId,
            ExpirationTime = row.ExpirationTime,
            SourceAddress = row.SourceAddress,
            DestinationAddress = row.DestinationAddress,
            ResponseAddress = row.ResponseAddress,
            FaultAddress = row.FaultAddress,
            SentTime = row.SentTime,
        };
        if (row.Headers is not null && deserializer.DeserializeDictionary<object?>(row.Headers) is { } headers)
        {
            message._headers = new DictionarySendHeaders(headers);
        }

        if (row.Properties is not null && deserializer.DeserializeDictionary<object>(row.Properties) is { } properties)
        {
            message._properties = properties;
        }

        return message;
    }

    private static Guid? NullableGuid(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);

    private static Uri? NullableUri(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : new Uri(reader.GetString(ordinal));
}
