using Npgsql;

namespace Ingestion.Persistence.Outbox;

/// <summary>
/// Whose outgoing messages a set of <c>outbox_message</c> rows are: a consumer's for one inbox message, or one
/// transaction's outside any consumer (the bus outbox).
/// </summary>
internal sealed record OutboxOwner(Guid? InboxMessageId, Guid? InboxConsumerId, Guid? OutboxId)
{
    public static OutboxOwner Inbox(Guid messageId, Guid consumerId) => new(messageId, consumerId, null);

    public static OutboxOwner Bus(Guid outboxId) => new(null, null, outboxId);

    public string Filter => OutboxId is null
        ? "inbox_message_id = @owner_message AND inbox_consumer_id = @owner_consumer"
        : "outbox_id = @owner_outbox";

    public void AddParameters(NpgsqlCommand command)
    {
        if (OutboxId is { } outbox)
        {
            command.Parameters.AddWithValue("owner_outbox", outbox);
            return;
        }

        command.Parameters.AddWithValue("owner_message", InboxMessageId!.Value);
        command.Parameters.AddWithValue("owner_consumer", InboxConsumerId!.Value);
    }
}
