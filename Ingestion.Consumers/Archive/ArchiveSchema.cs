using Ingestion.Persistence.Database;

namespace Ingestion.Consumers.Archive;

/// <summary>The archive index: one row per archived document with its extracted fields.</summary>
internal sealed class ArchiveSchema : ISchemaScript
{
    public int Order => 20;

    public string Sql => """
        CREATE TABLE IF NOT EXISTS archived_documents (
            correlation_id uuid PRIMARY KEY,
            packet_id uuid NOT NULL,
            site_id text NOT NULL,
            study_id text NOT NULL,
            document_id text NOT NULL,
            artifact_type text NOT NULL,
            file_name text NOT NULL,
            size_bytes bigint NOT NULL,
            sha256 text NOT NULL,
            content_reference text NOT NULL,
            template_id text NOT NULL,
            schema_version text NOT NULL,
            fields jsonb NOT NULL,
            archived_at timestamptz NOT NULL,
            archived_by text NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_archived_documents_packet_id ON archived_documents (packet_id);
        """;
}
