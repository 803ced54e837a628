using Ingestion.Persistence.Database;
using Npgsql;

namespace Ingestion.Lab.Broker;

/// <summary>The durable floor's table, created empty in the configured schema, and the data source its commits use.</summary>
internal sealed class FloorTable : IAsyncDisposable
{
    private FloorTable(DurableFloor floor) => Floor = floor;

    public DurableFloor Floor { get; }

    /// <summary>Creates <c>bench_floor</c> afresh (the configured role must be allowed to) and opens a pooled data source.</summary>
    public static async Task<FloorTable> CreateAsync(DatabaseOptions options, string pdfPath, CancellationToken cancellationToken)
    {
        var schema = new NpgsqlCommandBuilder().QuoteIdentifier(options.Schema);
        var table = $"{schema}.bench_floor";
        var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var create = new NpgsqlCommand(
            $"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            DROP TABLE IF EXISTS {table};
            CREATE TABLE {table} (message_id uuid PRIMARY KEY, sequence integer NOT NULL, characters integer NOT NULL);
            """, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new FloorTable(new DurableFloor(pdfPath, dataSource, table));
    }

    public ValueTask DisposeAsync() => Floor.DataSource.DisposeAsync();
}
