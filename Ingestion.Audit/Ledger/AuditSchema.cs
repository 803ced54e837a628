using Ingestion.Persistence.Database;

namespace Ingestion.Audit.Ledger;

/// <summary>
/// The append-only ledger. A trigger refuses UPDATE, DELETE and TRUNCATE for everyone, the owner included;
/// an owner who disables the trigger can still change rows, which is what the hash chain is there to reveal.
/// </summary>
internal sealed class AuditSchema : ISchemaScript
{
    public int Order => 30;

    public string Sql => """
        CREATE TABLE IF NOT EXISTS audit_ledger (
            seq bigint PRIMARY KEY,
            event_id uuid NOT NULL UNIQUE,
            occurred_at timestamptz NOT NULL,
            recorded_at timestamptz NOT NULL,
            actor_worker_id text NOT NULL,
            actor_host text NOT NULL,
            actor_process_id integer NOT NULL,
            action text NOT NULL,
            correlation_id uuid NOT NULL,
            packet_id uuid NOT NULL,
            site_id text NOT NULL,
            document_sha256 text NOT NULL,
            from_state text,
            to_state text NOT NULL,
            outcome text NOT NULL,
            error_code text,
            reason text,
            schema_version text,
            attempt integer NOT NULL,
            previous_hash bytea NOT NULL,
            entry_hash bytea NOT NULL
        );
        ALTER TABLE audit_ledger ADD COLUMN IF NOT EXISTS trace_id text;
        -- SHA-256(0x00 ‖ canonical JSON), stored so that proofs need not recompute a million entries; outside the chain,
        -- and checked against the signed roots wherever it is used.
        ALTER TABLE audit_ledger ADD COLUMN IF NOT EXISTS leaf_hash bytea;
        CREATE INDEX IF NOT EXISTS ix_audit_ledger_correlation_id ON audit_ledger (correlation_id);
        """ + "\n" + AppendOnlyTable.Sql("audit_ledger", refuseTruncate: true);
}
