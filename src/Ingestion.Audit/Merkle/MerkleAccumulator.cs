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

    public void Add(byte[] leafHash)
    {
        var node = leafHash;
        long leaves = 1;
        while (_subtrees.Count > 0 && _subtrees[^1].Leaves == leaves)
        {
            node = MerkleTree.NodeHash(_subtrees[^1].Hash, node);
            leaves *= 2;
            _subtrees.RemoveAt(_subtrees.Count - 1);
        }

        _subtrees.Add((node, leaves));
        Size++;
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
