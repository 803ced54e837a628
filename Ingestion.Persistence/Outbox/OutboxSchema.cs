using Ingestion.Persistence.Database;

namespace Ingestion.Persistence.Outbox;

/// <summary>
/// The inbox (which message each consumer has taken, and how far its outgoing messages got) and the outbox (messages
/// written in a consumer's or a sender's transaction, relayed to the broker after the commit).
/// </summary>
internal sealed class OutboxSchema : ISchemaScript
{
    public int Order => 5;

    public string Sql => """
        CREATE TABLE IF NOT EXISTS inbox_state (
            message_id uuid NOT NULL,
            consumer_id uuid NOT NULL,
            consumer_type text NOT NULL,
            received timestamptz NOT NULL,
            receive_count integer NOT NULL,
            consumed timestamptz,
            delivered timestamptz,
            last_sequence_number bigint,
            PRIMARY KEY (message_id, consumer_id)
        );
        CREATE INDEX IF NOT EXISTS ix_inbox_state_delivered ON inbox_state (delivered) WHERE delivered IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_inbox_state_received ON inbox_state (received) WHERE consumed IS NULL;
        CREATE INDEX IF NOT EXISTS ix_inbox_state_undelivered ON inbox_state (consumed) WHERE consumed IS NOT NULL AND delivered IS NULL;
        CREATE TABLE IF NOT EXISTS outbox_state (
            outbox_id uuid PRIMARY KEY,
            created timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_outbox_state_created ON outbox_state (created);
        CREATE TABLE IF NOT EXISTS outbox_message (
            sequence_number bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            inbox_message_id uuid,
            inbox_consumer_id uuid,
            outbox_id uuid,
            message_id uuid NOT NULL,
            content_type text NOT NULL,
            message_type text NOT NULL,
            body text NOT NULL,
            headers text,
            properties text,
            conversation_id uuid,
            correlation_id uuid,
            initiator_id uuid,
            request_id uuid,
            source_address text,
            destination_address text,
            response_address text,
            fault_address text,
            sent_time timestamptz NOT NULL,
            enqueue_time timestamptz,
            expiration_time timestamptz
        );
        CREATE INDEX IF NOT EXISTS ix_outbox_message_inbox ON outbox_message (inbox_message_id, inbox_consumer_id, sequence_number)
            WHERE inbox_message_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_outbox_message_outbox ON outbox_message (outbox_id, sequence_number) WHERE outbox_id IS NOT NULL;
        """;
}
