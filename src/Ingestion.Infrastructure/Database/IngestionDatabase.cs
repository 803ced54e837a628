using System.Text.RegularExpressions;
using Npgsql;

namespace Ingestion.Infrastructure.Database;

/// <summary>The fleet's PostgreSQL database, with every connection's search path set to the configured schema.</summary>
public sealed partial class IngestionDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Creates the data source for the given options.</summary>
    public IngestionDatabase(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SchemaName().IsMatch(options.Schema))
        {
            throw new ArgumentException(
                $"Database schema '{options.Schema}' is not a plain lower-case identifier ([a-z_][a-z0-9_]{{0,62}}).", nameof(options));
        }

        Schema = options.Schema;
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            SearchPath = options.Schema,
        };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>The schema that holds the tables.</summary>
    public string Schema { get; }

    /// <summary>Opens a pooled connection.</summary>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        _dataSource.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
