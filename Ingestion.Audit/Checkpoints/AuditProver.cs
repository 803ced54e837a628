using Ingestion.Audit.Ledger;
using Ingestion.Audit.Merkle;
using Ingestion.Persistence.Database;
using Microsoft.Extensions.Logging;

namespace Ingestion.Audit.Checkpoints;

/// <summary>
/// Builds receipts for documents' entries and consistency proofs between checkpoints from the stored Merkle tree: a proof
/// reads O(log n) stored subtree hashes, not the n leaves. Every proof is checked against the signed root before it is
/// given; one that does not verify is refused (<see cref="ProofRefusedException"/>), never issued. A proof is built only
/// under a checkpoint whose signature verifies with the public key; a stored row that does not is reported as tampering
/// and passed over.
/// </summary>
public sealed class AuditProver(
    AuditLedger ledger,
    CheckpointStore checkpoints,
    LedgerPublicKey key,
    IngestionDatabase database,
    LedgerDatabase ledgerDatabase,
    ILogger<AuditProver> logger)
{
    private readonly MerkleNodeStore _tree = new(database, ledgerDatabase, ledger);

    /// <summary>A receipt for the document's entries, under the latest checkpoint or a new one; null when it has none.</summary>
    public async Task<AuditReceipt?> ProveAsync(Guid correlationId, CancellationToken cancellationToken = default) =>
        (await ProveAsync([correlationId], minimumTreeSize: 0, cancellationToken)).GetValueOrDefault(correlationId);

    /// <summary>
    /// Receipts for several documents in one pass (one read of their entries, one of the subtrees their proofs share),
    /// under the newest checkpoint that verifies when it covers every entry of theirs and <paramref name="minimumTreeSize"/>,
    /// or else under a new one, where this process may sign (<see cref="CheckpointStore.CanSign"/>). Documents with no
    /// entries get none.
    /// </summary>
    /// <exception cref="ProofRefusedException">No verified checkpoint covers the entries and this process cannot sign one.</exception>
    public async Task<IReadOnlyDictionary<Guid, AuditReceipt>> ProveAsync(
        IReadOnlyCollection<Guid> correlationIds, long minimumTreeSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(correlationIds);
        var wanted = correlationIds.ToHashSet();
        var lastSeq = Math.Max(minimumTreeSize, await ledger.LastSeqAsync(wanted, cancellationToken));
        if (lastSeq == 0)
        {
            return new Dictionary<Guid, AuditReceipt>();
        }

        var (checkpoint, rejected) = await checkpoints.LatestVerifiedAsync(cancellationToken);
        foreach (var bad in rejected)
        {
            logger.LogWarning("Audit checkpoint TAMPERING: {Problem}; checkpoint {TreeSize} is not used for proofs", bad.Problem, bad.Checkpoint.TreeSize);
        }

        if (checkpoint is null || checkpoint.TreeSize < lastSeq)
        {
            if (!checkpoints.CanSign)
            {
                throw new ProofRefusedException(
                    $"No checkpoint that verifies covers seq {lastSeq} (the newest that does is {checkpoint?.TreeSize ?? 0}), and this process " +
                    "signs none (it holds no ledger role): wait for an audit worker's next checkpoint or run 'ingest audit checkpoint'.");
            }

            checkpoint = await checkpoints.CreateAsync(cancellationToken);
        }

        var size = checkpoint.TreeSize;
        var entries = new List<(long Seq, Guid CorrelationId, byte[] Json, byte[] LeafHash, IReadOnlyList<IReadOnlyList<MerkleNode>> Plan)>();
        await foreach (var entry in ledger.ReadAsync(wanted, size, cancellationToken))
        {
            var json = AuditChain.CanonicalJson(entry.Seq, entry.RecordedAt, entry.Event);
            entries.Add((entry.Seq, entry.Event.CorrelationId, json, MerkleTree.LeafHash(json), MerkleProofPlan.Inclusion(entry.Seq - 1, size)));
        }

        var hashes = entries.ToDictionary(e => new MerkleNode(0, e.Seq - 1), e => e.LeafHash);
        await _tree.ReadAsync(checkpoint, entries.SelectMany(e => e.Plan).SelectMany(element => element), hashes, cancellationToken);
        var proven = new List<(Guid CorrelationId, ReceiptEntry Entry)>(entries.Count);
        foreach (var (seq, correlationId, json, leafHash, plan) in entries)
        {
            var proof = plan.Select(element => MerkleProofPlan.Fold(element, n => hashes[n])).ToList();
            if (!MerkleTree.VerifyInclusion(seq - 1, size, leafHash, proof, checkpoint.RootHash))
            {
                throw new ProofRefusedException(await _tree.DiagnoseAsync(checkpoint, cancellationToken));
            }

            proven.Add((correlationId, new ReceiptEntry
            {
                Seq = seq,
                CanonicalJson = Convert.ToBase64String(json),
                LeafHash = Convert.ToHexStringLower(leafHash),
                InclusionProof = proof.Select(Convert.ToHexStringLower).ToList(),
            }));
        }

        return proven.GroupBy(p => p.CorrelationId).ToDictionary(g => g.Key, g => new AuditReceipt
        {
            CorrelationId = g.Key,
            Checkpoint = ReceiptCheckpoint.From(checkpoint),
            Entries = g.Select(p => p.Entry).ToList(),
        });
    }

    /// <summary>
    /// The consistency proof between two stored checkpoints; null when either is missing. A proof that does not verify
    /// is told apart: checkpoints that really disagree are a <see cref="ConsistencyCheck.Problem"/>; a stored tree that no
    /// longer matches the ledger is refused (<see cref="ProofRefusedException"/>).
    /// </summary>
    public async Task<ConsistencyCheck?> ConsistencyAsync(long firstSize, long secondSize, CancellationToken cancellationToken = default)
    {
        var first = await checkpoints.GetAsync(firstSize, cancellationToken);
        var second = await checkpoints.GetAsync(secondSize, cancellationToken);
        if (first is null || second is null)
        {
            return null;
        }

        if (firstSize > secondSize)
        {
            return new ConsistencyCheck(first, second, [], "the first checkpoint is larger than the second");
        }

        // A checkpoint that does not verify is not the ledger's: nothing is built on it.
        if ((SignatureProblem(first) ?? SignatureProblem(second)) is { } problem)
        {
            return new ConsistencyCheck(first, second, [], problem);
        }

        var plan = MerkleProofPlan.Consistency(firstSize, secondSize);
        var hashes = new Dictionary<MerkleNode, byte[]>();
        await _tree.ReadAsync(second, plan.SelectMany(element => element), hashes, cancellationToken);
        var proof = plan.Select(element => MerkleProofPlan.Fold(element, n => hashes[n])).ToList();
        string? disagreement = null;
        if (!MerkleTree.VerifyConsistency(firstSize, secondSize, first.RootHash, second.RootHash, proof))
        {
            // The stored tree gave a proof that fails: either the checkpoints disagree, or the tree (or ledger) changed.
            // The ledger's own leaves tell which; reading them all is what a failure, and only a failure, costs.
            var leaves = await LedgerLeaves.ForProofAsync(ledger, secondSize, new HashSet<Guid>(), cancellationToken);
            if (!MerkleTree.Root(leaves.Hashes, secondSize).AsSpan().SequenceEqual(second.RootHash)
                || MerkleTree.VerifyConsistency(firstSize, secondSize, first.RootHash, second.RootHash, MerkleTree.ConsistencyProof(leaves.Hashes, firstSize, secondSize)))
            {
                throw new ProofRefusedException(await _tree.DiagnoseAsync(second, cancellationToken));
            }

            disagreement = $"the tree of checkpoint {secondSize} does not extend the tree of checkpoint {firstSize}";
        }

        return new ConsistencyCheck(first, second, proof.Select(Convert.ToHexStringLower).ToList(), disagreement);
    }

    private string? SignatureProblem(Checkpoint checkpoint) => key.Problem(checkpoint);
}
