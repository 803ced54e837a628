using Ingestion.Persistence.Database;
using MassTransit;
using Npgsql;

namespace Ingestion.Persistence.Outbox;

/// <summary>
/// The transaction a consumer writes in: the durable outbox's when its endpoint has one, so that the consumer's rows
/// commit with the inbox record and the messages it sends; otherwise one of its own.
/// </summary>
public sealed class ConsumerTransaction : IDatabaseTransactionContext, IAsyncDisposable
{
    private readonly bool _owned;

    private ConsumerTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, bool owned)
    {
        Connection = connection;
        Transaction = transaction;
        _owned = owned;
    }

    /// <inheritdoc />
    public NpgsqlConnection Connection { get; }

    /// <inheritdoc />
    public NpgsqlTransaction Transaction { get; }

    /// <summary>Joins the outbox's transaction of <paramref name="context"/>, or begins one.</summary>
    public static async Task<ConsumerTransaction> BeginAsync(IngestionDatabase database, ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(context);
        if (context.TryGetPayload(out IDatabaseTransactionContext? outbox))
        {
            return new ConsumerTransaction(outbox.Connection, outbox.Transaction, owned: false);
        }

        var connection = await database.OpenAsync(context.CancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(context.CancellationToken);
            return new ConsumerTransaction(connection, transaction, owned: true);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A command in this transaction.</summary>
    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);

    /// <summary>Commits a transaction of its own; the outbox commits a joined one.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) =>
        _owned ? Transaction.CommitAsync(cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_owned)
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
