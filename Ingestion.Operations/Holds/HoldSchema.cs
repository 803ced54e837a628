using Ingestion.Persistence.Database;

namespace Ingestion.Operations.Holds;

/// <summary>Compliance holds (at most one active, enforced by a partial unique index) and the packets they keep.</summary>
internal sealed class HoldSchema : ISchemaScript
{
    public int Order => 11;

    public string Sql => """
        CREATE TABLE IF NOT EXISTS compliance_holds (
            hold_id uuid PRIMARY KEY,
            placed_at timestamptz NOT NULL,
            placed_by text NOT NULL,
            trigger text NOT NULL,
            reason text NOT NULL,
            released_at timestamptz,
            released_by text,
            release_reason text
        );
        CREATE UNIQUE INDEX IF NOT EXISTS ux_compliance_holds_active ON compliance_holds ((true)) WHERE released_at IS NULL;
        CREATE TABLE IF NOT EXISTS held_packets (
            packet_id uuid PRIMARY KEY,
            hold_id uuid NOT NULL REFERENCES compliance_holds (hold_id),
            packet jsonb NOT NULL,
            held_at timestamptz NOT NULL,
            released_at timestamptz
        );
        """;
}
