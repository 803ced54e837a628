using Ingestion.Persistence.Database;

namespace Ingestion.Consumers.Reading;

/// <summary>
/// Deliveries of a document's stage command that started reading it, counted in statements of their own before the
/// reading starts, so that a worker that dies while reading (a crash, the OOM killer) still counts.
/// </summary>
internal sealed class ReadingAttemptsSchema : ISchemaScript
{
    public int Order => 21;

    public string Sql => """
        CREATE TABLE IF NOT EXISTS reading_attempts (
            correlation_id uuid NOT NULL,
            stage text NOT NULL,
            started integer NOT NULL,
            updated timestamptz NOT NULL,
            PRIMARY KEY (correlation_id, stage)
        );
        """;
}
