using Ingestion.Persistence.Database;

namespace Ingestion.Audit.Staging;

/// <summary>
/// Audit entries written with the change they record and not yet chained. The fleet's role may insert, read and delete
/// them; only the ledger appender deletes, in the transaction that chains them.
/// </summary>
internal sealed class AuditStagingSchema : ISchemaScript
{
    public int Order => 31;

    public string Sql => """
        CREATE TABLE IF NOT EXISTS audit_staging (
            staged_seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            event_id uuid NOT NULL UNIQUE,
            occurred_at timestamptz NOT NULL,
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
            trace_id text,
            staged_at timestamptz NOT NULL DEFAULT now()
        );
        """;
}
