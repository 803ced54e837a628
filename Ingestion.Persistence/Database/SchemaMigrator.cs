using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Persistence.Database;

/// <summary>
/// Applies every component's schema script, once at a time across the whole fleet, as the schema's owner
/// (<see cref="DatabaseOptions.OwnerConnectionString"/>), then grants the fleet's role what it may do.
/// </summary>
public sealed class SchemaMigrator(IngestionDatabase database, IOptions<DatabaseOptions> options, IEnumerable<ISchemaScript> scripts)
{
    // Any constant works; it only has to be the same in every worker so that concurrent starts queue up
    // instead of racing on CREATE TABLE IF NOT EXISTS (which is not safe under concurrency in PostgreSQL).
    private const long MigrationLockKey = 0x1A6E_57_10;

    /// <summary>Creates the schema, applies the scripts in order and grants the fleet's role its privileges.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var owner = string.IsNullOrWhiteSpace(settings.OwnerConnectionString) ? null : settings.OwnerConnectionString;
        var builder = new NpgsqlConnectionStringBuilder(owner ?? settings.ConnectionString) { SearchPath = database.Schema };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken);
            await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS \"{database.Schema}\"", cancellationToken);
            foreach (var script in scripts.OrderBy(s => s.Order))
            {
                await ExecuteAsync(connection, script.Sql, cancellationToken);
            }
        }
        catch (PostgresException e) when (owner is null && e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new InvalidOperationException(
                $"The database role of Ingestion:Database:ConnectionString may not change schema '{database.Schema}' ({e.MessageText}). " +
                "Set Ingestion:Database:OwnerConnectionString to the schema owner's connection string.", e);
        }

        var fleetRole = new NpgsqlConnectionStringBuilder(settings.ConnectionString).Username;
        if (owner is not null && !string.Equals(fleetRole, builder.Username, StringComparison.Ordinal))
        {
            await FleetPrivileges.GrantAsync(connection, database.Schema, fleetRole, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
