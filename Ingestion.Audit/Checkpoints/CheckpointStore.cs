using Ingestion.Audit.Ledger;
using Ingestion.Audit.Merkle;
using Ingestion.Persistence.Database;
using Npgsql;

namespace Ingestion.Audit.Checkpoints;

/// <summary>
/// Signs and keeps checkpoints of the ledger in <c>audit_checkpoints</c>. Signing needs the private key and the ledger
/// appender's role (<see cref="LedgerDatabase"/>); reading checks each stored checkpoint with the public key alone
/// (<see cref="LedgerPublicKey"/>), because a row in the table proves nothing until its signature verifies.
/// </summary>
public sealed class CheckpointStore(
    IngestionDatabase database, LedgerDatabase ledgerDatabase, AuditLedger ledger, LedgerSigningKey key, LedgerPublicKey publicKey)
{
    private const string Columns = "tree_size, root_hash, head_hash, created_at, signature, key_id, frontier";

    /// <summary>
    /// Signs a checkpoint of the ledger as it is now; a size already checkpointed returns the stored one. It continues the
    /// latest checkpoint's tree from its frontier and reads only the entries after it, checking their chain from its head,
    /// so a new checkpoint always extends the signed one before it and costs what the ledger grew, not what it holds. The
    /// subtrees the new entries complete are stored in the same transaction, so the stored tree grows with the checkpoints.
    /// Only a checkpoint whose signature verifies is continued; a row that does not verify is never built upon.
    /// </summary>
    /// <exception cref="InvalidOperationException">This process holds no ledger role (<see cref="CanSign"/> is false).</exception>
    public async Task<Checkpoint> CreateAsync(CancellationToken cancellationToken = default)
    {
        var latest = (await LatestVerifiedAsync(cancellationToken)).Verified;
        var (tree, head) = Continuable(latest) is { } continued ? (continued, latest!.HeadHash) : (new MerkleAccumulator(), AuditChain.Genesis);
        await using var connection = await ledgerDatabase.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var completed = new List<(MerkleNode, byte[])>(MerkleNodeStore.ChunkSize);
        await foreach (var entry in Prefetch.Ahead(ledger.ReadAfterAsync(tree.Size, cancellationToken), 8192, cancellationToken))
        {
            var json = AuditChain.CanonicalJson(entry.Seq, entry.RecordedAt, entry.Event);
            if (entry.Seq != tree.Size + 1 || !entry.PreviousHash.AsSpan().SequenceEqual(head)
                || !AuditChain.EntryHash(head, json).AsSpan().SequenceEqual(entry.EntryHash))
            {
                throw new InvalidOperationException($"Audit ledger entry {tree.Size + 1} does not verify; run 'ingest audit verify'.");
            }

            head = entry.EntryHash;
            tree.Add(MerkleTree.LeafHash(json), completed);
            if (completed.Count >= MerkleNodeStore.ChunkSize)
            {
                await MerkleNodeStore.AppendAsync(connection, transaction, completed, cancellationToken);
                completed.Clear();
            }
        }

        await MerkleNodeStore.AppendAsync(connection, transaction, completed, cancellationToken);
        var unsigned = new Checkpoint
        {
            TreeSize = tree.Size,
            RootHash = tree.Root(),
            HeadHash = head,
            CreatedAt = AuditChain.Normalize(DateTime.UtcNow),
            Signature = [],
            KeyId = key.KeyId,
            Frontier = tree.Frontier(),
        };
        var checkpoint = unsigned with { Signature = key.Sign(unsigned.SignedText) };
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO audit_checkpoints ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tree_size) DO NOTHING", connection, transaction))
        {
            foreach (var value in new object[] { checkpoint.TreeSize, checkpoint.RootHash, checkpoint.HeadHash, checkpoint.CreatedAt, checkpoint.Signature, checkpoint.KeyId, checkpoint.Frontier! })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        // Another signer may have stored this size first (kept as it is); a row there that does not verify was not signed
        // by the ledger, and the checkpoint just signed is the one to use.
        return await GetAsync(checkpoint.TreeSize, cancellationToken) is { } stored && publicKey.Verifies(stored) ? stored : checkpoint;
    }

    /// <summary>Whether this process may sign checkpoints: it holds the ledger appender's role.</summary>
    public bool CanSign => ledgerDatabase.CanWrite;

    /// <summary>
    /// The stored checkpoint of the largest tree size whose signature verifies with the public key, and every larger one
    /// that does not: those were not signed by the ledger (a row written with a stolen database credential) and are never
    /// used. Reads from the newest down, so it costs the checkpoints above the newest good one.
    /// </summary>
    public async Task<CheckpointSelection> LatestVerifiedAsync(CancellationToken cancellationToken = default)
    {
        var rejected = new List<RejectedCheckpoint>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM audit_checkpoints ORDER BY tree_size DESC", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var checkpoint = Read(reader);
            if (publicKey.Problem(checkpoint) is not { } problem)
            {
                return new CheckpointSelection(checkpoint, rejected);
            }

            rejected.Add(new RejectedCheckpoint(checkpoint, problem));
        }

        return new CheckpointSelection(null, rejected);
    }

    /// <summary>The checkpoint of one tree size, or null.</summary>
    public Task<Checkpoint?> GetAsync(long treeSize, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM audit_checkpoints WHERE tree_size = $1", treeSize, cancellationToken);

    /// <summary>Every stored checkpoint, smallest tree size first.</summary>
    public async Task<IReadOnlyList<Checkpoint>> AllAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<Checkpoint>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM audit_checkpoints ORDER BY tree_size", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            all.Add(Read(reader));
        }

        return all;
    }

    /// <summary>The stored checkpoint of the largest tree size, unchecked, or null when none was written.</summary>
    public Task<Checkpoint?> LatestAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1", null, cancellationToken);

    private async Task<Checkpoint?> QueryAsync(string sql, long? treeSize, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        if (treeSize is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = treeSize.Value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static Checkpoint Read(NpgsqlDataReader reader) => new()
    {
        TreeSize = reader.GetInt64(0),
        RootHash = (byte[])reader.GetValue(1),
        HeadHash = (byte[])reader.GetValue(2),
        CreatedAt = DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc),
        Signature = (byte[])reader.GetValue(4),
        KeyId = reader.GetString(5),
        Frontier = reader.IsDBNull(6) ? null : (byte[])reader.GetValue(6),
    };

    // Only a verified checkpoint of this key, whose frontier folds to its signed root, is continued; anything else
    // (an older layout, another key) starts the tree again from the first entry.
    private MerkleAccumulator? Continuable(Checkpoint? latest) =>
        latest is null || latest.KeyId != key.KeyId || MerkleAccumulator.FromFrontier(latest.TreeSize, latest.Frontier) is not { } tree
            || !tree.Root().AsSpan().SequenceEqual(latest.RootHash)
            ? null
            : tree;
}
