using Npgsql;

namespace Ingestion.Persistence.Outbox;

/// <summary>A connection and its open transaction, owned by whoever opened them.</summary>
public sealed record OpenTransaction(NpgsqlConnection Connection, NpgsqlTransaction Transaction) : IDatabaseTransactionContext;
