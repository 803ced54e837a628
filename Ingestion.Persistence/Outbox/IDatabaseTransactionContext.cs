using Npgsql;

namespace Ingestion.Persistence.Outbox;

/// <summary>
/// The PostgreSQL transaction a consumed message runs in on an endpoint with the durable outbox: the saga repository
/// and the consumers write through it, so their changes, the inbox record and the outgoing messages commit together.
/// It is a payload of the consume context.
/// </summary>
public interface IDatabaseTransactionContext
{
    /// <summary>The open connection.</summary>
    NpgsqlConnection Connection { get; }

    /// <summary>The transaction that the outbox commits once the message has been consumed.</summary>
    NpgsqlTransaction Transaction { get; }
}
