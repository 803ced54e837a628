using MassTransit;
using NpgsqlTypes;

namespace Ingestion.Persistence.Sagas;

/// <summary>
/// How one saga type is laid out in PostgreSQL: the whole instance as <c>jsonb</c> plus a few projected
/// columns that operators and reports query (state, packet, site), kept in step on every write.
/// </summary>
public abstract class SagaTableMap<TSaga>
    where TSaga : class, ISagaVersion
{
    /// <summary>The table's name, unqualified: the connection's search path picks the schema.</summary>
    public abstract string TableName { get; }

    /// <summary>The projected columns.</summary>
    public abstract IReadOnlyList<SagaColumn<TSaga>> Columns { get; }

    /// <summary>Idempotent DDL for the table and an index on each projected column.</summary>
    public string CreateTableSql()
    {
        var columns = string.Concat(Columns.Select(c => $",\n    {c.Name} {c.SqlType}"));
        var indexes = string.Concat(Columns.Where(c => c.Indexed).Select(c =>
            $"\nCREATE INDEX IF NOT EXISTS ix_{TableName}_{c.Name} ON {TableName} ({c.Name});"));
        return $"""
            CREATE TABLE IF NOT EXISTS {TableName} (
                correlation_id uuid PRIMARY KEY,
                version integer NOT NULL,
                data jsonb NOT NULL,
                updated_at timestamptz NOT NULL{columns}
            );{indexes}
            """;
    }
}

/// <summary>A column projected from the saga instance.</summary>
/// <param name="Name">The column name.</param>
/// <param name="SqlType">Its SQL type in DDL.</param>
/// <param name="DbType">Its Npgsql parameter type.</param>
/// <param name="Value">Reads the value from the instance.</param>
/// <param name="Indexed">Whether to index it.</param>
public sealed record SagaColumn<TSaga>(string Name, string SqlType, NpgsqlDbType DbType, Func<TSaga, object?> Value, bool Indexed = true);
