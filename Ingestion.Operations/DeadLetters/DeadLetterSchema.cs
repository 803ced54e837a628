using Ingestion.Persistence.Database;

namespace Ingestion.Operations.DeadLetters;

/// <summary>
/// What is kept of every purged dead letter: its identity, the SHA-256 of its body, why it faulted, who purged it,
/// when and why. Append-only, like the audit ledger, since it is the only trace left of the message.
/// </summary>
internal sealed class DeadLetterSchema : ISchemaScript
{
    public int Order => 40;

    public string Sql => """
        CREATE TABLE IF NOT EXISTS dead_letter_purges (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            action_id uuid NOT NULL,
            queue text NOT NULL,
            message_id text,
            correlation_id text,
            payload_sha256 text NOT NULL,
            fault_exception_type text NOT NULL,
            site_id text NOT NULL,
            purged_at timestamptz NOT NULL,
            purged_by text NOT NULL,
            reason text NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_dead_letter_purges_message_id ON dead_letter_purges (message_id);
        """ + "\n" + AppendOnlyTable.Sql("dead_letter_purges");
}
