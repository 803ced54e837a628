namespace Ingestion.Audit.Merkle;

/// <summary>
/// The RFC 9162 root of a growing tree in O(log n) memory: the roots of the perfect subtrees the leaves so far split
/// into, largest first. The root at any size folds them right to left, which is exactly the RFC's split at the
/// largest power of two, so a verifier streaming a million entries can check every checkpoint it passes.
/// </summary>
internal sealed class MerkleAccumulator
{
    private readonly List<(byte[] Hash, long Leaves)> _subtrees = [];

    public long Size { get; private set; }

    /// <summary>
    /// Adds the next leaf. Each subtree it completes (level 1 and up: the leaf itself is not reported) is added to
    /// <paramref name="completed"/> when given, so that a store of the tree's nodes grows with it.
    /// </summary>
    public void Add(byte[] leafHash, ICollection<(MerkleNode Node, byte[] Hash)>? completed = null)
    {
        var node = leafHash;
        long leaves = 1;
        var level = 0;
        while (_subtrees.Count > 0 && _subtrees[^1].Leaves == leaves)
        {
            node = MerkleTree.NodeHash(_subtrees[^1].Hash, node);
            leaves *= 2;
            level++;
            _subtrees.RemoveAt(_subtrees.Count - 1);
            completed?.Add((new MerkleNode(level, Size >> level), node));
        }

        _subtrees.Add((node, leaves));
        Size++;
    }

    /// <summary>The subtree roots, largest first, concatenated: with the size, all it takes to continue the tree.</summary>
    public byte[] Frontier() => _subtrees.SelectMany(s => s.Hash).ToArray();

    /// <summary>The tree of <paramref name="size"/> leaves continued from its frontier; null when the frontier does not fit the size.</summary>
    public static MerkleAccumulator? FromFrontier(long size, byte[]? frontier)
    {
        // A tree of n leaves splits into one perfect subtree per set bit of n, largest first.
        if (frontier is null || size < 0 || frontier.Length != System.Numerics.BitOperations.PopCount((ulong)size) * 32)
        {
            return null;
        }

        var tree = new MerkleAccumulator { Size = size };
        var offset = 0;
        for (var bit = 62; bit >= 0; bit--)
        {
            if ((size & (1L << bit)) != 0)
            {
                tree._subtrees.Add((frontier[offset..(offset + 32)], 1L << bit));
                offset += 32;
            }
        }

        return tree;
    }

    public byte[] Root()
    {
        if (_subtrees.Count == 0)
        {
            return MerkleTree.EmptyRoot;
        }

        var root = _subtrees[^1].Hash;
        for (var i = _subtrees.Count - 2; i >= 0; i--)
        {
            root = MerkleTree.NodeHash(_subtrees[i].Hash, root);
        }

        return root;
    }
}
