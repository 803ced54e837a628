using Npgsql;

namespace Ingestion.Infrastructure.Database;

/// <summary>Applies every component's schema script, once at a time across the whole fleet.</summary>
public sealed class SchemaMigrator(IngestionDatabase database, IEnumerable<ISchemaScript> scripts)
{
    // Any constant works; it only has to be the same in every worker so that concurrent starts queue up
    // instead of racing on CREATE TABLE IF NOT EXISTS (which is not safe under concurrency in PostgreSQL).
    private const long MigrationLockKey = 0x1A6E_57_10;

    /// <summary>Creates the schema and applies the scripts in order.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken);
        await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS \"{database.Schema}\"", cancellationToken);
        foreach (var script in scripts.OrderBy(s => s.Order))
        {
            await ExecuteAsync(connection, script.Sql, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
