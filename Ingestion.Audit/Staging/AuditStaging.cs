using Ingestion.Audit.Ledger;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using Npgsql;

namespace Ingestion.Audit.Staging;

/// <summary>
/// Writes audit entries into <c>audit_staging</c>, in the transaction of the change they record (a saga step, an
/// operator's action, a consumer's own transaction), so that the change and its entry commit together or not at all.
/// The ledger appender chains them; an appender in this process is woken at once.
/// </summary>
public sealed class AuditStaging(IngestionDatabase database) : IDisposable
{
    private const string Columns =
        "event_id, occurred_at, actor_worker_id, actor_host, actor_process_id, action, correlation_id, packet_id, site_id, " +
        "document_sha256, from_state, to_state, outcome, error_code, reason, schema_version, attempt, trace_id";

    private readonly SemaphoreSlim _staged = new(0, 1);

    /// <summary>Stages the entries in <paramref name="transaction"/>; they are chained once, and only if it commits.</summary>
    public async Task StageAsync(IDatabaseTransactionContext transaction, IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(transaction.Connection, transaction.Transaction);
        foreach (var entry in entries)
        {
            batch.BatchCommands.Add(Insert(entry));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        Wake();
    }

    /// <summary>Stages the entries in a transaction of their own, for a fact whose change is already durable or has none.</summary>
    public async Task StageAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await StageAsync(new OpenTransaction(connection, transaction), entries, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _staged.Dispose();

    /// <summary>Waits until an entry is staged in this process or <paramref name="timeout"/> passes; true if one was.</summary>
    internal Task<bool> WaitForStagedAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _staged.WaitAsync(timeout, cancellationToken);

    /// <summary>Up to <paramref name="limit"/> staged entries, oldest first (a document's entries in the order they were staged).</summary>
    internal static async Task<List<(long StagedSeq, AuditEntry Entry)>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT staged_seq, {Columns} FROM audit_staging ORDER BY staged_seq LIMIT @limit", connection, transaction);
        command.Parameters.AddWithValue("limit", limit);
        var staged = new List<(long, AuditEntry)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            staged.Add((reader.GetInt64(0), AuditEntryRow.Read(reader, actorAt: 3, traceIdAt: 18)));
        }

        return staged;
    }

    /// <summary>Removes chained entries from staging, in the transaction that chained them.</summary>
    internal static async Task RemoveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<long> stagedSeqs, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM audit_staging WHERE staged_seq = ANY(@seqs)", connection, transaction);
        command.Parameters.AddWithValue("seqs", stagedSeqs.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Wake()
    {
        try
        {
            _staged.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    private static NpgsqlBatchCommand Insert(AuditEntry e)
    {
        var command = new NpgsqlBatchCommand(
            $"INSERT INTO audit_staging ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)");
        object?[] values =
        [
            e.EventId, AuditChain.Normalize(e.OccurredAt), e.Actor.WorkerId, e.Actor.Host, e.Actor.ProcessId, e.Action, e.CorrelationId, e.PacketId, e.SiteId,
            e.DocumentSha256, e.FromState, e.ToState, e.Outcome, e.ErrorCode, e.Reason, e.SchemaVersion, e.Attempt, e.TraceId,
        ];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
