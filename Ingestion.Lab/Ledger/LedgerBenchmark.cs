using System.Diagnostics;
using Ingestion.Audit.Ledger;
using Ingestion.Audit.Merkle;
using Ingestion.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Lab.Ledger;

/// <summary>
/// Measures the ledger, not the fleet: appends at the fleet's peak (several concurrent appenders each appending
/// batches, as audit workers do) and fills a scratch ledger with valid entries fast, to time verification at scale.
/// </summary>
public sealed class LedgerBenchmark(AuditLedger ledger, LedgerDatabase database)
{
    private static readonly AuditActor Actor = new() { WorkerId = "bench", Host = Environment.MachineName, ProcessId = Environment.ProcessId };

    /// <summary>Appends <paramref name="entries"/> synthetic events through <see cref="AuditLedger.AppendAsync"/> from concurrent appenders; returns the elapsed time.</summary>
    public async Task<TimeSpan> AppendAsync(int entries, int appenders, int batchSize, CancellationToken cancellationToken = default)
    {
        long next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, appenders).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var first = Interlocked.Add(ref next, batchSize) - batchSize + 1;
                if (first >= entries)
                {
                    return;
                }

                var batch = new List<AuditEntry>(batchSize);
                for (var i = first; i < Math.Min(first + batchSize, entries); i++)
                {
                    batch.Add(SyntheticEvents.Create(i, Actor));
                }

                await ledger.AppendAsync(batch, cancellationToken);
            }
        }, cancellationToken)));
        return clock.Elapsed;
    }

    /// <summary>
    /// Appends <paramref name="entries"/> valid entries after the ledger's head with one binary COPY, hashing them with
    /// the chain's own code, as the ledger appender's role; returns the elapsed time. For scratch schemas: it bypasses the
    /// batch path the fleet uses.
    /// </summary>
    public async Task<TimeSpan> FillAsync(long entries, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var takeLock = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AuditLedger.AppendLockKey})", connection, transaction))
        {
            await takeLock.ExecuteNonQueryAsync(cancellationToken);
        }

        long seq = 0;
        var previous = AuditChain.Genesis;
        await using (var head = new NpgsqlCommand("SELECT seq, entry_hash FROM audit_ledger ORDER BY seq DESC LIMIT 1", connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                (seq, previous) = (reader.GetInt64(0), (byte[])reader.GetValue(1));
            }
        }

        var recordedAt = AuditChain.Normalize(DateTime.UtcNow);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY audit_ledger (seq, event_id, occurred_at, recorded_at, actor_worker_id, actor_host, actor_process_id, action, correlation_id, " +
            "packet_id, site_id, document_sha256, from_state, to_state, outcome, error_code, reason, schema_version, attempt, previous_hash, entry_hash, trace_id, leaf_hash) " +
            "FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (long i = 0; i < entries; i++)
            {
                var raw = SyntheticEvents.Create(seq + i, Actor);
                var e = raw with { OccurredAt = AuditChain.Normalize(raw.OccurredAt) };
                var json = AuditChain.CanonicalJson(seq + i + 1, recordedAt, e);
                var hash = AuditChain.EntryHash(previous, json);
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(seq + i + 1, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(e.EventId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(recordedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(e.Actor.WorkerId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(e.Actor.Host, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(e.Actor.ProcessId, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(e.Action, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(e.CorrelationId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(e.PacketId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(e.SiteId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(e.DocumentSha256, NpgsqlDbType.Text, cancellationToken);
                await WriteTextAsync(copy, e.FromState, cancellationToken);
                await copy.WriteAsync(e.ToState, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(e.Outcome, NpgsqlDbType.Text, cancellationToken);
                await WriteTextAsync(copy, e.ErrorCode, cancellationToken);
                await WriteTextAsync(copy, e.Reason, cancellationToken);
                await WriteTextAsync(copy, e.SchemaVersion, cancellationToken);
                await copy.WriteAsync(e.Attempt, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(previous, NpgsqlDbType.Bytea, cancellationToken);
                await copy.WriteAsync(hash, NpgsqlDbType.Bytea, cancellationToken);
                await WriteTextAsync(copy, e.TraceId, cancellationToken);
                await copy.WriteAsync(MerkleTree.LeafHash(json), NpgsqlDbType.Bytea, cancellationToken);
                previous = hash;
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return clock.Elapsed;
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
}
