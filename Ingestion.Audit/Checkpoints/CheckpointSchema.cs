using Ingestion.Persistence.Database;

namespace Ingestion.Audit.Checkpoints;

/// <summary>Signed checkpoints, one per tree size. Like the ledger they are never changed once written.</summary>
internal sealed class CheckpointSchema : ISchemaScript
{
    // After the ledger (30), whose rows the checkpoints describe.
    public int Order => 31;

    public string Sql => """
        CREATE TABLE IF NOT EXISTS audit_checkpoints (
            tree_size bigint PRIMARY KEY,
            root_hash bytea NOT NULL,
            head_hash bytea NOT NULL,
            created_at timestamptz NOT NULL,
            signature bytea NOT NULL,
            key_id text NOT NULL
        );
        ALTER TABLE audit_checkpoints ADD COLUMN IF NOT EXISTS frontier bytea;
        """ + "\n" + AppendOnlyTable.Sql("audit_checkpoints");
}
