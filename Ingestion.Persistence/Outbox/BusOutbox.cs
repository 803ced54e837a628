using Ingestion.Persistence.Database;
using MassTransit;

namespace Ingestion.Persistence.Outbox;

/// <summary>
/// Sends from outside a consumer (the recovery sweep, operator commands) through the outbox: the messages are written in
/// the sender's database transaction, so they leave if and only if its changes commit, and are relayed after the commit.
/// </summary>
public sealed class BusOutbox(IngestionDatabase database, IBus bus, OutboxRelay relay)
{
    /// <summary>Opens a transaction whose sends are kept until <see cref="BusOutboxTransaction.CommitAsync"/>.</summary>
    public async Task<BusOutboxTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new BusOutboxTransaction(connection, transaction, bus, relay);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
