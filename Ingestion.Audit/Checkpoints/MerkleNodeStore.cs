using Ingestion.Audit.Ledger;
using Ingestion.Audit.Merkle;
using Ingestion.Persistence.Database;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Audit.Checkpoints;

/// <summary>
/// Reads and writes the stored Merkle tree (<see cref="MerkleNodeSchema"/>): complete subtrees of
/// 2^<see cref="LowestStoredLevel"/> leaves and more from <c>audit_merkle_nodes</c>, smaller ones recomputed from the
/// leaf hashes the ledger stores beside its entries. A ledger whose checkpoints were signed before the tree was stored
/// gets its nodes on first need, computed from the ledger once and checked against the signed root before they are kept
/// (by a process with the ledger appender's role; any other uses them without keeping them).
/// </summary>
internal sealed class MerkleNodeStore(IngestionDatabase database, LedgerDatabase ledgerDatabase, AuditLedger ledger)
{
    /// <summary>
    /// Subtrees below this level are not stored: a proof recomputes them from the 16 leaf hashes of its leaf's block (15
    /// hashes, microseconds), and the table holds one row per 8 entries (n/16 + n/32 + …) instead of one per entry:
    /// 15 MB per million entries, where every level took 116 MB, a quarter of the ledger's own 466 MB.
    /// </summary>
    public const int LowestStoredLevel = 4;

    /// <summary>Nodes offered per INSERT (of which about one in 16 is stored), so that memory stays bounded on a million entries.</summary>
    public const int ChunkSize = 16_384;

    /// <summary>Stores the nodes of <see cref="LowestStoredLevel"/> and up in the caller's transaction; a node already stored is kept as it is.</summary>
    public static async Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<(MerkleNode Node, byte[] Hash)> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var stored = nodes.Where(n => n.Node.Level >= LowestStoredLevel).ToList();
        if (stored.Count == 0)
        {
            return;
        }

        await using var insert = new NpgsqlCommand(
            "INSERT INTO audit_merkle_nodes (level, node_index, hash) SELECT * FROM unnest($1, $2, $3) ON CONFLICT DO NOTHING", connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint, Value = stored.Select(n => (short)n.Node.Level).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = stored.Select(n => n.Node.Index).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = stored.Select(n => n.Hash).ToArray() });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Adds to <paramref name="hashes"/> the hashes of the <paramref name="nodes"/> (of the tree of
    /// <paramref name="checkpoint"/>) it lacks, with one query for the leaves and one for the stored subtrees. Nothing here
    /// is checked: the caller checks what it builds from them against the signed root.
    /// </summary>
    public async Task ReadAsync(Checkpoint checkpoint, IEnumerable<MerkleNode> nodes, Dictionary<MerkleNode, byte[]> hashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(hashes);
        var wanted = nodes.Where(n => !hashes.ContainsKey(n)).Distinct().ToList();
        foreach (var node in wanted.Where(n => n.EndLeaf > checkpoint.TreeSize))
        {
            throw new ArgumentException($"Node {node} is not in the tree of checkpoint {checkpoint.TreeSize}.", nameof(nodes));
        }

        var small = wanted.Where(n => n.Level < LowestStoredLevel).ToList();
        await ReadLeavesAsync(checkpoint, small, hashes, cancellationToken);
        foreach (var node in small.Where(n => n.Level > 0))
        {
            hashes[node] = Recompute(node, hashes);
        }

        var missing = await ReadStoredAsync(wanted.Where(n => n.Level >= LowestStoredLevel).ToList(), hashes, cancellationToken);
        if (missing.Count > 0)
        {
            await FillAsync(checkpoint, missing, hashes, cancellationToken);
        }

        foreach (var absent in wanted.Where(n => !hashes.ContainsKey(n)))
        {
            throw new ProofRefusedException($"The stored Merkle tree lacks node {absent} of checkpoint {checkpoint.TreeSize} after it was filled from the ledger.");
        }
    }

    /// <summary>
    /// Computes every complete subtree of the tree of <paramref name="checkpoint"/> from the ledger and adds the
    /// <paramref name="wanted"/> ones to <paramref name="hashes"/>; with the ledger appender's role it also stores them all,
    /// in one transaction that commits only if they fold to the signed root. Once per ledger whose checkpoints predate the
    /// stored tree (or after an operator truncated it); nodes already stored are kept.
    /// </summary>
    public async Task FillAsync(Checkpoint checkpoint, IReadOnlyCollection<MerkleNode> wanted, Dictionary<MerkleNode, byte[]> hashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(hashes);
        var leaves = await LedgerLeaves.ForProofAsync(ledger, checkpoint.TreeSize, new HashSet<Guid>(), cancellationToken);
        await using var connection = ledgerDatabase.CanWrite ? await ledgerDatabase.OpenAsync(cancellationToken) : null;
        await using var transaction = connection is null ? null : await connection.BeginTransactionAsync(cancellationToken);
        var want = wanted.ToHashSet();
        var found = new Dictionary<MerkleNode, byte[]>();
        var tree = new MerkleAccumulator();
        var completed = new List<(MerkleNode Node, byte[] Hash)>(ChunkSize);
        async Task KeepAsync()
        {
            foreach (var (node, hash) in completed.Where(c => want.Contains(c.Node)))
            {
                found[node] = hash;
            }

            if (connection is not null)
            {
                await AppendAsync(connection, transaction!, completed, cancellationToken);
            }

            completed.Clear();
        }

        foreach (var leaf in leaves.Hashes)
        {
            tree.Add(leaf, completed);
            if (completed.Count >= ChunkSize)
            {
                await KeepAsync();
            }
        }

        if (!tree.Root().AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            throw new ProofRefusedException(LedgerChanged(checkpoint));
        }

        await KeepAsync();
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var (node, hash) in found)
        {
            hashes[node] = hash;
        }
    }

    /// <summary>Why something built from the stored tree does not lead to <paramref name="checkpoint"/>'s signed root: reads the whole ledger, so only once a proof has failed.</summary>
    public async Task<string> DiagnoseAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var leaves = await LedgerLeaves.ForProofAsync(ledger, checkpoint.TreeSize, new HashSet<Guid>(), cancellationToken);
        return MerkleTree.Root(leaves.Hashes, leaves.Size).AsSpan().SequenceEqual(checkpoint.RootHash)
            ? $"The stored Merkle tree (audit_merkle_nodes) does not match the ledger under checkpoint {checkpoint.TreeSize}, whose entries still hash to its root: a stored node was altered."
            : LedgerChanged(checkpoint);
    }

    private static string LedgerChanged(Checkpoint checkpoint) =>
        $"The ledger's first {checkpoint.TreeSize} entries no longer hash to checkpoint {checkpoint.TreeSize}'s root; run 'ingest audit verify'.";

    // The leaves under the small subtrees: stored leaf hashes where the ledger has them, else hashed from the entry.
    private async Task ReadLeavesAsync(Checkpoint checkpoint, List<MerkleNode> small, Dictionary<MerkleNode, byte[]> hashes, CancellationToken cancellationToken)
    {
        var seqs = small.SelectMany(n => Enumerable.Range(0, 1 << n.Level).Select(i => n.FirstLeaf + i + 1))
            .Where(seq => !hashes.ContainsKey(new MerkleNode(0, seq - 1))).Distinct().ToList();
        if (seqs.Count == 0)
        {
            return;
        }

        var stored = await ledger.LeafHashesAsync(seqs, cancellationToken);
        foreach (var (seq, hash) in stored.Where(s => s.Value is not null))
        {
            hashes[new MerkleNode(0, seq - 1)] = hash!;
        }

        var unhashed = stored.Where(s => s.Value is null).Select(s => s.Key).ToList();
        if (unhashed.Count > 0)
        {
            await foreach (var entry in ledger.ReadSeqsAsync(unhashed, cancellationToken))
            {
                hashes[new MerkleNode(0, entry.Seq - 1)] = MerkleTree.LeafHash(AuditChain.CanonicalJson(entry.Seq, entry.RecordedAt, entry.Event));
            }
        }

        foreach (var seq in seqs.Where(seq => !stored.ContainsKey(seq)))
        {
            throw new ProofRefusedException($"Audit ledger entry {seq} is missing under checkpoint {checkpoint.TreeSize}; run 'ingest audit verify'.");
        }
    }

    private static byte[] Recompute(MerkleNode node, Dictionary<MerkleNode, byte[]> hashes) =>
        node.Level == 0
            ? hashes[node]
            : MerkleTree.NodeHash(Recompute(new MerkleNode(node.Level - 1, node.Index * 2), hashes), Recompute(new MerkleNode(node.Level - 1, (node.Index * 2) + 1), hashes));

    // Adds the stored ones to hashes and returns those not stored.
    private async Task<List<MerkleNode>> ReadStoredAsync(List<MerkleNode> nodes, Dictionary<MerkleNode, byte[]> hashes, CancellationToken cancellationToken)
    {
        if (nodes.Count == 0)
        {
            return nodes;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            """
            SELECT n.level, n.node_index, n.hash
            FROM unnest($1, $2) AS w (level, node_index)
            JOIN audit_merkle_nodes n ON n.level = w.level AND n.node_index = w.node_index
            """, connection);
        query.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint, Value = nodes.Select(n => (short)n.Level).ToArray() });
        query.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = nodes.Select(n => n.Index).ToArray() });
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                hashes[new MerkleNode(reader.GetInt16(0), reader.GetInt64(1))] = (byte[])reader.GetValue(2);
            }
        }

        return nodes.Where(n => !hashes.ContainsKey(n)).ToList();
    }
}
