using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Persistence.Database;

/// <summary>
/// Applies every component's schema script as the schema's owner (<see cref="DatabaseOptions.OwnerConnectionString"/>),
/// one migration of a schema at a time, records the version, and grants the fleet's role what it may do. The only thing
/// that changes the schema: <c>ingest migrate</c> runs it, and tests and qualification runs through
/// <see cref="DatabaseRegistration.MigrateSchemaAsync"/>; workers and commands only check the version
/// (<see cref="SchemaCheck"/>).
/// </summary>
public sealed class SchemaMigrator(
    IngestionDatabase database, IOptions<DatabaseOptions> options, IEnumerable<ISchemaScript> scripts, IEnumerable<LedgerWrittenTable> ledgerTables)
{
    // The first key of a two-key advisory lock, the schema's hash the second: migrations of one schema queue up instead
    // of racing on CREATE TABLE IF NOT EXISTS (not safe under concurrency in PostgreSQL); other schemas do not wait.
    private const int MigrationLockKey = 0x1A6E_5710;

    // DDL waits for the table locks of running transactions (a worker appending to the ledger, a saga's row). A bounded
    // wait fails with lock_not_available (exit code 6) instead of hanging behind a long transaction; it is shorter than the
    // command timeout, so the error says what it waited for.
    private const int LockTimeoutSeconds = 30;
    private const int CommandTimeoutSeconds = 120;

    /// <summary>
    /// Brings the schema to this build's version: creates it, applies the scripts in order and records the version, unless
    /// it is already at this version with the same DDL; then grants the fleet's role its privileges, and the ledger appender's
    /// role (<see cref="DatabaseOptions.LedgerConnectionString"/>) its own on the <see cref="LedgerWrittenTable"/>s.
    /// </summary>
    /// <exception cref="SchemaNotMigratedException">The schema is at a newer version than this build's.</exception>
    public async Task<SchemaMigration> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var owner = string.IsNullOrWhiteSpace(settings.OwnerConnectionString) ? null : settings.OwnerConnectionString;
        var builder = new NpgsqlConnectionStringBuilder(owner ?? settings.ConnectionString)
        {
            SearchPath = database.Schema,
            CommandTimeout = CommandTimeoutSeconds,
        };
        var ordered = scripts.OrderBy(s => s.Order).ToList();
        var fingerprint = SchemaVersion.Fingerprint(ordered);
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SET LOCAL lock_timeout = '{LockTimeoutSeconds}s'", cancellationToken);
        await using (var queue = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, hashtext($2))", connection))
        {
            queue.Parameters.Add(new NpgsqlParameter { Value = MigrationLockKey });
            queue.Parameters.Add(new NpgsqlParameter { Value = database.Schema });
            await queue.ExecuteNonQueryAsync(cancellationToken);
        }

        var before = await SchemaState.ReadAsync(connection, database.Schema, cancellationToken);
        if (before.Version > SchemaVersion.Current)
        {
            throw new SchemaNotMigratedException(
                $"schema '{database.Schema}' is at version {before.Version}, newer than this build's {SchemaVersion.Current}: migrate it with the newer build");
        }

        var applied = 0;
        if (before.Version != SchemaVersion.Current || before.Fingerprint != fingerprint)
        {
            try
            {
                await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {Identifier.Quote(database.Schema)}", cancellationToken);
                foreach (var script in ordered)
                {
                    await ExecuteAsync(connection, script.Sql, cancellationToken);
                    applied++;
                }

                await ExecuteAsync(connection, SchemaVersionTable.Sql, cancellationToken);
            }
            catch (PostgresException e) when (owner is null && e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new InvalidOperationException(
                    $"The database role of Ingestion:Database:ConnectionString may not change schema '{database.Schema}' ({e.MessageText}). " +
                    "Set Ingestion:Database:OwnerConnectionString to the schema owner's connection string.", e);
            }

            await using var record = new NpgsqlCommand(
                $"INSERT INTO {SchemaVersionTable.Name} (version, scripts_sha256) VALUES ($1, $2)", connection);
            record.Parameters.Add(new NpgsqlParameter { Value = SchemaVersion.Current });
            record.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        var fleetRole = new NpgsqlConnectionStringBuilder(settings.ConnectionString).Username;
        var granted = owner is not null && !string.Equals(fleetRole, builder.Username, StringComparison.Ordinal);
        var ledgerRole = string.IsNullOrWhiteSpace(settings.LedgerConnectionString)
            ? null
            : new NpgsqlConnectionStringBuilder(settings.LedgerConnectionString).Username;
        if (granted)
        {
            await FleetPrivileges.GrantAsync(connection, database.Schema, fleetRole, ledgerRole, ledgerTables.ToList(), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new SchemaMigration(database.Schema, before.Version, SchemaVersion.Current, applied, builder.Username ?? "?", granted ? fleetRole : null)
        {
            LedgerRole = granted && ledgerRole != fleetRole ? ledgerRole : null,
        };
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
