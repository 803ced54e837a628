namespace Ingestion.Persistence.Database;

/// <summary>
/// Reads the schema's version as the fleet's role, without changing anything: what a worker does at start and a command
/// before it reads. A schema at a newer version than this build's is accepted (a fleet is upgraded by migrating first,
/// then replacing workers), so scripts must stay compatible with the previous build's workers.
/// </summary>
public sealed class SchemaCheck(IngestionDatabase database)
{
    /// <summary>Throws unless the schema exists and is at this build's version or newer.</summary>
    /// <exception cref="SchemaNotMigratedException">The schema is missing, unusable, unversioned or older; the message says to run <c>ingest migrate</c>.</exception>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var state = await SchemaState.ReadAsync(connection, database.Schema, cancellationToken);
        if (state.Problem(SchemaVersion.Current) is { } problem)
        {
            throw new SchemaNotMigratedException(problem);
        }
    }
}
