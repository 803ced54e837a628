using Ingestion.Audit.Ledger;
using Ingestion.Audit.Merkle;

namespace Ingestion.Audit.Checkpoints;

/// <summary>Builds receipts for a document's entries and consistency proofs between checkpoints.</summary>
public sealed class AuditProver(AuditLedger ledger, CheckpointStore checkpoints, LedgerSigningKey key)
{
    /// <summary>A receipt for the document's entries, under the latest checkpoint or a new one; null when it has none.</summary>
    public async Task<AuditReceipt?> ProveAsync(Guid correlationId, CancellationToken cancellationToken = default) =>
        (await ProveAsync([correlationId], minimumTreeSize: 0, cancellationToken)).GetValueOrDefault(correlationId);

    /// <summary>
    /// Receipts for several documents from one read of the ledger, under the latest checkpoint when it covers every entry
    /// of theirs and <paramref name="minimumTreeSize"/>, or else under a new one. Documents with no entries get none.
    /// </summary>
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

        var checkpoint = await checkpoints.LatestAsync(cancellationToken);
        if (checkpoint is null || checkpoint.TreeSize < lastSeq)
        {
            checkpoint = await checkpoints.CreateAsync(cancellationToken);
        }

        var leaves = await LedgerLeaves.ForProofAsync(ledger, checkpoint.TreeSize, wanted, cancellationToken);
        if (!MerkleTree.Root(leaves.Hashes, leaves.Size).AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            throw new InvalidOperationException($"The ledger's first {checkpoint.TreeSize} entries no longer hash to checkpoint {checkpoint.TreeSize}'s root.");
        }

        return leaves.Matching.GroupBy(m => m.CorrelationId).ToDictionary(g => g.Key, g => new AuditReceipt
        {
            CorrelationId = g.Key,
            Checkpoint = ReceiptCheckpoint.From(checkpoint),
            Entries = g.Select(m => new ReceiptEntry
            {
                Seq = m.Seq,
                CanonicalJson = Convert.ToBase64String(m.Json),
                LeafHash = Convert.ToHexStringLower(leaves.Hashes[(int)(m.Seq - 1)]),
                InclusionProof = MerkleTree.InclusionProof(leaves.Hashes, m.Seq - 1, leaves.Size).Select(Convert.ToHexStringLower).ToList(),
            }).ToList(),
        });
    }

    /// <summary>The consistency proof between two stored checkpoints; null when either is missing.</summary>
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

        var leaves = await LedgerLeaves.ForProofAsync(ledger, secondSize, new HashSet<Guid>(), cancellationToken);
        var proof = MerkleTree.ConsistencyProof(leaves.Hashes, firstSize, secondSize);
        var problem = SignatureProblem(first) ?? SignatureProblem(second)
            ?? (MerkleTree.VerifyConsistency(firstSize, secondSize, first.RootHash, second.RootHash, proof)
                ? null
                : $"the tree of checkpoint {secondSize} does not extend the tree of checkpoint {firstSize}");
        return new ConsistencyCheck(first, second, proof.Select(Convert.ToHexStringLower).ToList(), problem);
    }

    private string? SignatureProblem(Checkpoint checkpoint)
    {
        using var publicKey = System.Security.Cryptography.ECDsa.Create();
        publicKey.ImportFromPem(key.PublicKeyPem);
        return checkpoint.KeyId == key.KeyId && LedgerSigningKey.Verify(publicKey, checkpoint.SignedText, checkpoint.Signature)
            ? null
            : $"the signature of checkpoint {checkpoint.TreeSize} does not verify with key {key.KeyId}";
    }
}
