using Ingestion.Persistence.Database;
using Npgsql;

namespace Ingestion.Audit.Ledger;

/// <summary>
/// The hash-chained ledger: appends entries and reads them back. Appenders in every fleet process take one advisory lock
/// per transaction, so the chain has a single head and no two entries share a seq; an event id already in the ledger is
/// skipped, so an entry is chained once.
/// </summary>
public sealed class AuditLedger(IngestionDatabase database, LedgerDatabase ledgerDatabase)
{
    // The same key in every process: appends to one schema's ledger are serialized fleet-wide.
    public const long AppendLockKey = 0x1A6E_A0D1;

    private const string Columns =
        "seq, event_id, occurred_at, recorded_at, actor_worker_id, actor_host, actor_process_id, action, correlation_id, packet_id, " +
        "site_id, document_sha256, from_state, to_state, outcome, error_code, reason, schema_version, attempt, previous_hash, entry_hash, trace_id";

    /// <summary>
    /// Appends the entries not yet in the ledger, in the order given, in a transaction of its own; returns how many were
    /// appended, as the appender's role (<see cref="LedgerDatabase"/>). The fleet chains through the staging table
    /// (<see cref="LedgerAppender"/>); this is for tools and benchmarks.
    /// </summary>
    public async Task<int> AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return 0;
        }

        await using var connection = await ledgerDatabase.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, transaction, cancellationToken);
        var appended = await ChainAsync(connection, transaction, entries, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return appended;
    }

    /// <summary>Takes the fleet-wide append lock for the rest of <paramref name="transaction"/>.</summary>
    internal static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var takeLock = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AppendLockKey})", connection, transaction);
        await takeLock.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Chains the entries not yet in the ledger after its head, in the order given, within <paramref name="transaction"/>,
    /// which must hold the append lock; returns how many were appended.
    /// </summary>
    internal static async Task<int> ChainAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var fresh = await WithoutRecordedAsync(connection, transaction, entries, cancellationToken);
        if (fresh.Count == 0)
        {
            return 0;
        }

        var (seq, previous) = await HeadAsync(connection, transaction, cancellationToken);
        var recordedAt = AuditChain.Normalize(DateTime.UtcNow);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var raw in fresh)
        {
            var e = raw with { OccurredAt = AuditChain.Normalize(raw.OccurredAt) };
            seq++;
            var json = AuditChain.CanonicalJson(seq, recordedAt, e);
            var hash = AuditChain.EntryHash(previous, json);
            batch.BatchCommands.Add(Insert(seq, recordedAt, e, previous, hash, Merkle.MerkleTree.LeafHash(json)));
            previous = hash;
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return fresh.Count;
    }

    /// <summary>Streams the ledger in seq order.</summary>
    public IAsyncEnumerable<LedgerEntry> ReadAsync(Guid? correlationId = null, CancellationToken cancellationToken = default) =>
        correlationId is null
            ? ReadWhereAsync("seq > 0", _ => { }, cancellationToken)
            : ReadWhereAsync("correlation_id = @id", c => c.Parameters.AddWithValue("id", correlationId.Value), cancellationToken);

    /// <summary>Streams the entries after <paramref name="afterSeq"/> in seq order.</summary>
    public IAsyncEnumerable<LedgerEntry> ReadAfterAsync(long afterSeq, CancellationToken cancellationToken = default) =>
        ReadWhereAsync("seq > @after", c => c.Parameters.AddWithValue("after", afterSeq), cancellationToken);

    /// <summary>The entries of any of the documents up to <paramref name="lastSeq"/>, in seq order, from one query.</summary>
    public IAsyncEnumerable<LedgerEntry> ReadAsync(IReadOnlyCollection<Guid> correlationIds, long lastSeq, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(correlationIds);
        return ReadWhereAsync(
            "correlation_id = ANY(@ids) AND seq <= @last",
            c =>
            {
                c.Parameters.AddWithValue("ids", correlationIds.ToArray());
                c.Parameters.AddWithValue("last", lastSeq);
            },
            cancellationToken);
    }

    /// <summary>The entries with these seqs (those that exist), in seq order, from one query.</summary>
    public IAsyncEnumerable<LedgerEntry> ReadSeqsAsync(IReadOnlyCollection<long> seqs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seqs);
        return ReadWhereAsync("seq = ANY(@seqs)", c => c.Parameters.AddWithValue("seqs", seqs.ToArray()), cancellationToken);
    }

    /// <summary>
    /// The stored Merkle leaf hashes of the first <paramref name="size"/> entries, in seq order; null when an entry has
    /// none (written before leaf hashes were stored). Untrusted by themselves: whoever uses them compares the root they
    /// give with a signed checkpoint's.
    /// </summary>
    public async Task<List<byte[]>?> LeafHashesAsync(long size, CancellationToken cancellationToken = default)
    {
        var hashes = new List<byte[]>((int)Math.Min(size, 1 << 24));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT seq, leaf_hash FROM audit_ledger WHERE seq <= @size ORDER BY seq", connection);
        command.Parameters.AddWithValue("size", size);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetInt64(0) != hashes.Count + 1 || reader.IsDBNull(1))
            {
                return null;
            }

            hashes.Add((byte[])reader.GetValue(1));
        }

        return hashes.Count == size ? hashes : null;
    }

    /// <summary>
    /// The stored Merkle leaf hashes of the entries with these seqs, from one query: null for an entry written before leaf
    /// hashes were stored, absent for one that does not exist. Untrusted, as <see cref="LeafHashesAsync(long, CancellationToken)"/>.
    /// </summary>
    public async Task<Dictionary<long, byte[]?>> LeafHashesAsync(IReadOnlyCollection<long> seqs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seqs);
        var hashes = new Dictionary<long, byte[]?>(seqs.Count);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT seq, leaf_hash FROM audit_ledger WHERE seq = ANY(@seqs)", connection);
        command.Parameters.AddWithValue("seqs", seqs.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes[reader.GetInt64(0)] = reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1);
        }

        return hashes;
    }

    private async IAsyncEnumerable<LedgerEntry> ReadWhereAsync(
        string condition, Action<NpgsqlCommand> addParameters, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM audit_ledger WHERE {condition} ORDER BY seq", connection);
        addParameters(command);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new LedgerEntry
            {
                Seq = reader.GetInt64(0),
                RecordedAt = DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc),
                Event = AuditEntryRow.Read(reader, actorAt: 4, traceIdAt: 21),
                PreviousHash = (byte[])reader.GetValue(19),
                EntryHash = (byte[])reader.GetValue(20),
            };
        }
    }

    /// <summary>The seq of the last entry of any of the documents, 0 when none has one.</summary>
    public async Task<long> LastSeqAsync(IReadOnlyCollection<Guid> correlationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(correlationIds);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM audit_ledger WHERE correlation_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", correlationIds.ToArray());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// For each document, the seq of its last entry that moved it to the given state (its final state), or 0 while the
    /// ledger holds no such entry: the ledger appender chains staged entries shortly after the saga commits them.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, long>> LastSeqsReachingAsync(
        IReadOnlyDictionary<Guid, string> states, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(states);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT d.id, coalesce(max(l.seq), 0)
            FROM unnest(@ids, @states) AS d (id, state)
            LEFT JOIN audit_ledger l ON l.correlation_id = d.id AND l.to_state = d.state
            GROUP BY d.id
            """, connection);
        command.Parameters.AddWithValue("ids", states.Keys.ToArray());
        command.Parameters.AddWithValue("states", states.Values.ToArray());
        var seqs = new Dictionary<Guid, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            seqs[reader.GetGuid(0)] = reader.GetInt64(1);
        }

        return seqs;
    }

    private static async Task<List<AuditEntry>> WithoutRecordedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AuditEntry> events, CancellationToken cancellationToken)
    {
        var recorded = new HashSet<Guid>();
        await using (var query = new NpgsqlCommand("SELECT event_id FROM audit_ledger WHERE event_id = ANY(@ids)", connection, transaction))
        {
            query.Parameters.AddWithValue("ids", events.Select(e => e.EventId).Distinct().ToArray());
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                recorded.Add(reader.GetGuid(0));
            }
        }

        // recorded.Add is false for an id seen before, so a duplicate inside one batch is dropped as well.
        return events.Where(e => recorded.Add(e.EventId)).ToList();
    }

    private static async Task<(long Seq, byte[] Hash)> HeadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var head = new NpgsqlCommand("SELECT seq, entry_hash FROM audit_ledger ORDER BY seq DESC LIMIT 1", connection, transaction);
        await using var reader = await head.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), (byte[])reader.GetValue(1))
            : (0, AuditChain.Genesis);
    }

    private static NpgsqlBatchCommand Insert(long seq, DateTime recordedAt, AuditEntry e, byte[] previous, byte[] hash, byte[] leafHash)
    {
        var command = new NpgsqlBatchCommand(
            $"INSERT INTO audit_ledger ({Columns}, leaf_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)");
        object?[] values =
        [
            seq, e.EventId, e.OccurredAt, recordedAt, e.Actor.WorkerId, e.Actor.Host, e.Actor.ProcessId, e.Action, e.CorrelationId,
            e.PacketId, e.SiteId, e.DocumentSha256, e.FromState, e.ToState, e.Outcome, e.ErrorCode, e.Reason, e.SchemaVersion,
            e.Attempt, previous, hash, e.TraceId, leafHash,
        ];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
