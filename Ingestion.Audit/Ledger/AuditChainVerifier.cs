using Ingestion.Audit.Checkpoints;
using Ingestion.Audit.Merkle;

namespace Ingestion.Audit.Ledger;

/// <summary>
/// Recomputes the chain from the rows' columns (not from a stored copy of the JSON), so a change to any
/// column, a removed, inserted or reordered row, or a rewritten hash is found and named by its seq. Then holds the
/// ledger to every signed checkpoint as it streams past its size: a tail rewritten with every hash recomputed keeps the
/// chain intact but not the signed root, and a removed tail leaves a checkpoint larger than the ledger. A stored
/// checkpoint whose signature does not verify with the public key (the private key is never needed here) was not signed by
/// the ledger: it is reported as tampering and the ledger is not held to it.
/// </summary>
public sealed class AuditChainVerifier(AuditLedger ledger, CheckpointStore checkpoints, LedgerPublicKey key)
{
    /// <summary>Verifies the whole ledger, streaming it.</summary>
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var stored = await checkpoints.AllAsync(cancellationToken);
        var rejected = stored.Select(c => key.Problem(c) is { } problem ? new RejectedCheckpoint(c, problem) : null).OfType<RejectedCheckpoint>().ToList();
        var signed = stored.Where(c => rejected.All(r => r.Checkpoint != c)).ToList();
        var tree = new MerkleAccumulator();
        var previous = AuditChain.Genesis;
        var next = 0;
        long lastMatching = 0;
        long count = 0;

        ChainVerification Broken(long firstBad, string problem) =>
            new(count, count, Convert.ToHexStringLower(previous), firstBad, problem) { CheckpointsVerified = next, RejectedCheckpoints = rejected };

        string? DueCheckpointProblem()
        {
            for (; next < signed.Count && signed[next].TreeSize == count; next++)
            {
                var problem = CheckpointProblem(signed[next], tree, previous);
                if (problem is not null)
                {
                    return problem + $"; an entry in seq {lastMatching + 1}..{count} was rewritten" +
                        (lastMatching > 0 ? $" (checkpoint {lastMatching} is the last that matches)" : string.Empty);
                }

                lastMatching = count;
            }

            return null;
        }

        if (DueCheckpointProblem() is { } emptyProblem)
        {
            return Broken(1, emptyProblem);
        }

        await foreach (var chunk in Prefetch.Chunks(ledger.ReadAsync(cancellationToken: cancellationToken), 8192, cancellationToken))
        {
            // Hashing is most of the work and each row carries its own previous hash, so a chunk is hashed in parallel;
            // the links between rows and the tree are then checked in order.
            var hashed = new (byte[] Leaf, bool Matches)[chunk.Count];
            Parallel.For(0, chunk.Count, i =>
            {
                var entry = chunk[i];
                var json = AuditChain.CanonicalJson(entry.Seq, entry.RecordedAt, entry.Event);
                hashed[i] = (MerkleTree.LeafHash(json), AuditChain.EntryHash(entry.PreviousHash, json).AsSpan().SequenceEqual(entry.EntryHash));
            });
            for (var i = 0; i < chunk.Count; i++)
            {
                var entry = chunk[i];
                var expectedSeq = count + 1;
                if (entry.Seq != expectedSeq)
                {
                    return entry.Seq > expectedSeq
                        ? Broken(expectedSeq, $"entries {expectedSeq}..{entry.Seq - 1} are missing")
                        : Broken(entry.Seq, $"seq {entry.Seq} appears where {expectedSeq} was expected");
                }

                if (!entry.PreviousHash.AsSpan().SequenceEqual(previous))
                {
                    return Broken(entry.Seq, "its previous hash does not match the entry before it");
                }

                if (!hashed[i].Matches)
                {
                    return Broken(entry.Seq, "its content does not hash to its recorded entry hash (the row was altered)");
                }

                previous = entry.EntryHash;
                tree.Add(hashed[i].Leaf);
                count++;
                if (DueCheckpointProblem() is { } problem)
                {
                    return Broken(lastMatching + 1, problem);
                }
            }
        }

        // Sizes skipped over (a checkpoint between two seqs cannot exist) and sizes beyond the head are both a missing tail.
        return next < signed.Count
            ? Broken(count + 1, $"entries {count + 1}..{signed[^1].TreeSize} are missing: signed checkpoint {signed[^1].TreeSize} covers them (the tail was removed)")
            : new ChainVerification(count, count, Convert.ToHexStringLower(previous), null, null) { CheckpointsVerified = next, RejectedCheckpoints = rejected };
    }

    private static string? CheckpointProblem(Checkpoint checkpoint, MerkleAccumulator tree, byte[] head) =>
        checkpoint.HeadHash.AsSpan().SequenceEqual(head) && checkpoint.RootHash.AsSpan().SequenceEqual(tree.Root())
            ? null
            : $"signed checkpoint {checkpoint.TreeSize} does not match the ledger (its head hash or Merkle root differs)";
}
