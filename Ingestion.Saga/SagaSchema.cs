using Ingestion.Persistence.Database;
using Ingestion.Saga.Documents;

namespace Ingestion.Saga;

/// <summary>The saga's tables: document instances, packets and each packet's final documents.</summary>
internal sealed class SagaSchema : ISchemaScript
{
    public int Order => 10;

    public string Sql { get; } = new DocumentIngestionStateMap().CreateTableSql() + """

        CREATE TABLE IF NOT EXISTS packets (
            packet_id uuid PRIMARY KEY,
            site_id text NOT NULL,
            study_id text NOT NULL,
            submitted_at timestamptz NOT NULL,
            submitted_by text NOT NULL,
            document_count integer NOT NULL,
            received_at timestamptz NOT NULL DEFAULT now(),
            completed_at timestamptz
        );
        CREATE TABLE IF NOT EXISTS manual_review (
            correlation_id uuid PRIMARY KEY,
            packet_id uuid NOT NULL,
            site_id text NOT NULL,
            document_id text NOT NULL,
            file_name text NOT NULL,
            sha256 text NOT NULL,
            content_reference text NOT NULL,
            template_id text NOT NULL,
            schema_version text NOT NULL,
            fields jsonb NOT NULL,
            missing_fields text[] NOT NULL,
            low_confidence_fields text[] NOT NULL,
            requested_at timestamptz NOT NULL
        );
        CREATE TABLE IF NOT EXISTS packet_documents (
            packet_id uuid NOT NULL REFERENCES packets (packet_id),
            correlation_id uuid NOT NULL,
            document_id text NOT NULL,
            final_state text NOT NULL,
            error_code text,
            finalized_at timestamptz NOT NULL,
            PRIMARY KEY (packet_id, correlation_id)
        );
        -- How many of the packet's documents are final, raised once per document by the packet tracker (schema 2).
        -- A schema 1 database counts what it has recorded so far.
        ALTER TABLE packets ADD COLUMN IF NOT EXISTS final_count integer;
        UPDATE packets p SET final_count = (SELECT count(*) FROM packet_documents d WHERE d.packet_id = p.packet_id)
        WHERE final_count IS NULL;
        ALTER TABLE packets ALTER COLUMN final_count SET DEFAULT 0, ALTER COLUMN final_count SET NOT NULL;
        """;
}
