using System.Text.Json;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using MassTransit;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Persistence.Sagas;

/// <summary>
/// One transaction over a saga table. Instances are loaded with <c>SELECT … FOR UPDATE</c>, so two messages
/// for the same document queue up on the row instead of overwriting each other; the version column is
/// checked as well so that a lost lock can never go unnoticed.
/// </summary>
internal sealed class PostgresSagaSession<TSaga> : IAsyncDisposable
    where TSaga : class, ISagaVersion
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly SagaTableMap<TSaga> _map;
    private readonly bool _ownsTransaction;

    private PostgresSagaSession(NpgsqlConnection connection, NpgsqlTransaction transaction, SagaTableMap<TSaga> map, bool ownsTransaction)
    {
        _connection = connection;
        _transaction = transaction;
        _map = map;
        _ownsTransaction = ownsTransaction;
    }

    /// <summary>
    /// Works in the transaction of the durable outbox, which commits the saga's row together with the inbox record and
    /// the messages the transition sends.
    /// </summary>
    public static PostgresSagaSession<TSaga> Enlist(IDatabaseTransactionContext outbox, SagaTableMap<TSaga> map) =>
        new(outbox.Connection, outbox.Transaction, map, ownsTransaction: false);

    public static async Task<PostgresSagaSession<TSaga>> BeginAsync(
        IngestionDatabase database, SagaTableMap<TSaga> map, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new PostgresSagaSession<TSaga>(connection, transaction, map, ownsTransaction: true);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<TSaga?> LoadAsync(Guid correlationId, bool forUpdate, CancellationToken cancellationToken)
    {
        var sql = $"SELECT version, data FROM {_map.TableName} WHERE correlation_id = @id" + (forUpdate ? " FOR UPDATE" : string.Empty);
        await using var command = Command(sql);
        command.Parameters.AddWithValue("id", correlationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var instance = JsonSerializer.Deserialize<TSaga>(reader.GetString(1), Json)
            ?? throw new InvalidOperationException($"{typeof(TSaga).Name} {correlationId} is stored as JSON null.");
        instance.Version = reader.GetInt32(0);
        return instance;
    }

    /// <summary>Inserts the instance unless it exists; an existing row never aborts the transaction.</summary>
    public async Task<bool> TryInsertAsync(TSaga instance, CancellationToken cancellationToken)
    {
        instance.Version = 1;
        var names = string.Concat(_map.Columns.Select(c => $", {c.Name}"));
        var values = string.Concat(_map.Columns.Select(c => $", @{c.Name}"));
        await using var command = Command(
            $"INSERT INTO {_map.TableName} (correlation_id, version, data, updated_at{names}) " +
            $"VALUES (@id, 1, @data, now(){values}) ON CONFLICT (correlation_id) DO NOTHING");
        AddParameters(command, instance);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task UpdateAsync(TSaga instance, CancellationToken cancellationToken)
    {
        var loaded = instance.Version;
        instance.Version = loaded + 1;
        var assignments = string.Concat(_map.Columns.Select(c => $", {c.Name} = @{c.Name}"));
        await using var command = Command(
            $"UPDATE {_map.TableName} SET version = @version, data = @data, updated_at = now(){assignments} " +
            "WHERE correlation_id = @id AND version = @loaded");
        AddParameters(command, instance);
        command.Parameters.AddWithValue("version", instance.Version);
        command.Parameters.AddWithValue("loaded", loaded);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new SagaConcurrencyException(typeof(TSaga), instance.CorrelationId, $"version {loaded} was changed by another writer");
        }
    }

    public async Task DeleteAsync(TSaga instance, CancellationToken cancellationToken)
    {
        await using var command = Command($"DELETE FROM {_map.TableName} WHERE correlation_id = @id AND version = @version");
        command.Parameters.AddWithValue("id", instance.CorrelationId);
        command.Parameters.AddWithValue("version", instance.Version);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task CommitAsync(CancellationToken cancellationToken) =>
        _ownsTransaction ? _transaction.CommitAsync(cancellationToken) : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (!_ownsTransaction)
        {
            return;
        }

        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private NpgsqlCommand Command(string sql) => new(sql, _connection, _transaction);

    private void AddParameters(NpgsqlCommand command, TSaga instance)
    {
        command.Parameters.AddWithValue("id", instance.CorrelationId);
        command.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(instance, Json) });
        foreach (var column in _map.Columns)
        {
            command.Parameters.Add(new NpgsqlParameter(column.Name, column.DbType) { Value = column.Value(instance) ?? DBNull.Value });
        }
    }
}
