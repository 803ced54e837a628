using Ingestion.Persistence.Database;

namespace Ingestion.Consumers.Reading;

/// <summary>
/// Deliveries of a document's stage command that ended without an answer (the worker died or was killed while reading),
/// counted in statements of their own so that the count outlives the worker.
/// </summary>
internal sealed class ReadingAttemptsSchema : ISchemaScript
{
    public int Order => 21;

    public string Sql => """
        CREATE TABLE IF NOT EXISTS reading_attempts (
            correlation_id uuid NOT NULL,
            stage text NOT NULL,
            lost_deliveries integer NOT NULL,
            updated timestamptz NOT NULL,
            PRIMARY KEY (correlation_id, stage)
        );
        """;
}
