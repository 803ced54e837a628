namespace Ingestion.Audit.Merkle;

/// <summary>
/// A complete subtree of the ledger's tree: the 2^<see cref="Level"/> leaves from <see cref="FirstLeaf"/>, aligned to its
/// size. Level 0 is a leaf. Its hash never changes once its last leaf exists, which is what makes it worth storing.
/// </summary>
internal readonly record struct MerkleNode(int Level, long Index)
{
    public long FirstLeaf => Index << Level;

    public long EndLeaf => (Index + 1) << Level;

    /// <summary>
    /// The complete subtrees that tile the leaves [<paramref name="start"/>, <paramref name="end"/>), left to right, each
    /// the largest aligned one that fits. For a subtree of the RFC 9162 tree they come largest first, and folding their
    /// hashes from the right gives its hash (<see cref="MerkleProofPlan.Fold"/>).
    /// </summary>
    public static List<MerkleNode> Tiling(long start, long end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, end);
        var nodes = new List<MerkleNode>();
        while (start < end)
        {
            var level = System.Numerics.BitOperations.Log2((ulong)(end - start));
            if (start != 0)
            {
                level = Math.Min(level, System.Numerics.BitOperations.TrailingZeroCount(start));
            }

            nodes.Add(new MerkleNode(level, start >> level));
            start += 1L << level;
        }

        return nodes;
    }
}
