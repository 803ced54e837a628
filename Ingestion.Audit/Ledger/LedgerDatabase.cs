using Ingestion.Persistence.Database;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Audit.Ledger;

/// <summary>
/// The ledger appender's connection (<see cref="DatabaseOptions.LedgerConnectionString"/>): the one role that may add to
/// the ledger, its checkpoints and its stored Merkle tree, and take chained entries out of staging. Only what writes them
/// opens it; a process without that role reads the ledger as the fleet and signs nothing.
/// </summary>
public sealed class LedgerDatabase : IAsyncDisposable
{
    private readonly Lazy<IngestionDatabase>? _database;

    /// <summary>Prepares the connection from the options; nothing is opened until it is used.</summary>
    public LedgerDatabase(IOptions<DatabaseOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        // Without roles of their own (no owner either) one role does everything, the ledger included.
        var connectionString = !string.IsNullOrWhiteSpace(settings.LedgerConnectionString) ? settings.LedgerConnectionString
            : string.IsNullOrWhiteSpace(settings.OwnerConnectionString) ? settings.ConnectionString
            : null;
        if (connectionString is not null)
        {
            _database = new Lazy<IngestionDatabase>(() => new IngestionDatabase(new DatabaseOptions
            {
                ConnectionString = connectionString,
                Schema = settings.Schema,
            }));
        }
    }

    /// <summary>Whether this process holds the appender's role and may write the ledger.</summary>
    public bool CanWrite => _database is not null;

    /// <summary>Opens a pooled connection as the appender's role.</summary>
    /// <exception cref="InvalidOperationException">This process holds no ledger role.</exception>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        _database is null
            ? throw new InvalidOperationException(
                "Ingestion:Database:LedgerConnectionString is not set: only the ledger appender's role (audit workers, " +
                "'ingest audit checkpoint' and 'export') writes the audit ledger and its checkpoints.")
            : _database.Value.OpenAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_database is { IsValueCreated: true })
        {
            await _database.Value.DisposeAsync();
        }
    }
}
