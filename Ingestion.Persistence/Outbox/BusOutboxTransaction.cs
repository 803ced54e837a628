using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Serialization;
using Npgsql;

namespace Ingestion.Persistence.Outbox;

/// <summary>One transaction of the bus outbox: its own writes plus the messages sent through <see cref="SendEndpointProvider"/>.</summary>
public sealed class BusOutboxTransaction : IDatabaseTransactionContext, OutboxSendContext, IAsyncDisposable
{
    private readonly OutboxRelay _relay;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly OutboxOwner _owner = OutboxOwner.Bus(NewId.NextGuid());
    private bool _stateWritten;

    internal BusOutboxTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, IBus bus, OutboxRelay relay)
    {
        Connection = connection;
        Transaction = transaction;
        _relay = relay;
        SendEndpointProvider = new OutboxSendEndpointProvider(this, bus);
    }

    /// <inheritdoc />
    public NpgsqlConnection Connection { get; }

    /// <inheritdoc />
    public NpgsqlTransaction Transaction { get; }

    /// <summary>Send endpoints whose messages go to the outbox.</summary>
    public ISendEndpointProvider SendEndpointProvider { get; }

    /// <summary>Commits the writes and the messages together, then has them relayed at once.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Transaction.CommitAsync(cancellationToken);
        if (_stateWritten)
        {
            _relay.Wake();
        }
    }

    /// <inheritdoc />
    public async Task AddSend<T>(SendContext<T> context)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        await _writes.WaitAsync(context.CancellationToken);
        try
        {
            if (!_stateWritten)
            {
                await using var state = new NpgsqlCommand("INSERT INTO outbox_state (outbox_id, created) VALUES (@id, now())", Connection, Transaction);
                state.Parameters.AddWithValue("id", _owner.OutboxId!.Value);
                await state.ExecuteNonQueryAsync(context.CancellationToken);
                _stateWritten = true;
            }

            await OutboxMessageTable.InsertAsync(
                this, [OutboxMessageTable.Prepare(context, SystemTextJsonMessageSerializer.Instance, _owner)], context.CancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType) => null;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _writes.Dispose();
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
