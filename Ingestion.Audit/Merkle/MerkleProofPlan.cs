using System.Numerics;

namespace Ingestion.Audit.Merkle;

/// <summary>
/// RFC 9162 proofs as the complete subtrees they are made of, so that they can be built from stored subtree hashes
/// instead of from every leaf. Each proof element is a subtree of the RFC tree: a complete one is one stored node; one on
/// the tree's right edge (not yet complete) is the few complete nodes that tile it. Either way an element needs
/// O(log n) nodes, and a proof O(log n) in all, since at most one of its elements lies on the right edge.
/// </summary>
internal static class MerkleProofPlan
{
    /// <summary>The inclusion proof of leaf <paramref name="leafIndex"/> in the tree of <paramref name="size"/> leaves (§2.1.3.1), element by element.</summary>
    public static IReadOnlyList<IReadOnlyList<MerkleNode>> Inclusion(long leafIndex, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, size);
        // PATH(m, D[start:start+count]) adds its sibling after recursing, so the siblings found going down are reversed.
        var siblings = new List<IReadOnlyList<MerkleNode>>();
        var (start, count) = (0L, size);
        while (count > 1)
        {
            var k = Split(count);
            if (leafIndex - start < k)
            {
                siblings.Add(MerkleNode.Tiling(start + k, start + count));
                count = k;
            }
            else
            {
                siblings.Add(MerkleNode.Tiling(start, start + k));
                (start, count) = (start + k, count - k);
            }
        }

        siblings.Reverse();
        return siblings;
    }

    /// <summary>The consistency proof from the tree of <paramref name="first"/> leaves to the tree of <paramref name="second"/> (§2.1.4.1), element by element.</summary>
    public static IReadOnlyList<IReadOnlyList<MerkleNode>> Consistency(long first, long second)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, second);
        var proof = new List<IReadOnlyList<MerkleNode>>();
        if (first == 0 || first == second)
        {
            return proof;
        }

        // SUBPROOF(m, D[start:start+count], b), unrolled: each step adds one element after its recursion, and the step
        // that reaches m == count adds the old tree's own subtree first, unless it is the whole old tree (b true).
        var (m, start, count, complete) = (first, 0L, second, true);
        while (m != count)
        {
            var k = Split(count);
            if (m <= k)
            {
                proof.Add(MerkleNode.Tiling(start + k, start + count));
                count = k;
            }
            else
            {
                proof.Add(MerkleNode.Tiling(start, start + k));
                (m, start, count, complete) = (m - k, start + k, count - k, false);
            }
        }

        if (!complete)
        {
            proof.Add(MerkleNode.Tiling(start, start + count));
        }

        proof.Reverse();
        return proof;
    }

    /// <summary>The hash of an RFC subtree from the hashes of the nodes that tile it, largest first: folded from the right, as the RFC splits.</summary>
    public static byte[] Fold(IReadOnlyList<MerkleNode> tiling, Func<MerkleNode, byte[]> hashOf)
    {
        ArgumentNullException.ThrowIfNull(tiling);
        ArgumentNullException.ThrowIfNull(hashOf);
        if (tiling.Count == 0)
        {
            return MerkleTree.EmptyRoot;
        }

        var hash = hashOf(tiling[^1]);
        for (var i = tiling.Count - 2; i >= 0; i--)
        {
            hash = MerkleTree.NodeHash(hashOf(tiling[i]), hash);
        }

        return hash;
    }

    // The largest power of two smaller than n (n > 1).
    private static long Split(long n) => 1L << BitOperations.Log2((ulong)(n - 1));
}
