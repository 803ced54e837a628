using Ingestion.Audit.Merkle;

namespace Ingestion.UnitTests.Audit;

/// <summary>
/// Proofs built from stored complete subtrees (<see cref="MerkleProofPlan"/>) against the in-memory RFC 9162 proofs of
/// <see cref="MerkleTree"/>, which rebuild the tree from every leaf. One table of the complete subtrees of 2,000 random
/// leaves serves every tree size, as the stored tree serves every checkpoint.
/// </summary>
public sealed class StoredTreeProofTests
{
    private const int Leaves = 2000;
    private static readonly List<byte[]> LeafHashes = RandomLeaves(new Random(6962), Leaves);
    private static readonly Dictionary<MerkleNode, byte[]> Stored = StoreAll(LeafHashes);

    [Test]
    public void Growing_the_tree_reports_every_complete_subtree_once_with_its_rfc_hash()
    {
        var expected = new List<MerkleNode>();
        for (var level = 1; 1 << level <= Leaves; level++)
        {
            for (var index = 0L; (index + 1) << level <= Leaves; index++)
            {
                expected.Add(new MerkleNode(level, index));
            }
        }

        var reported = new List<(MerkleNode Node, byte[] Hash)>();
        var tree = new MerkleAccumulator();
        LeafHashes.ForEach(leaf => tree.Add(leaf, reported));

        Assert.That(Sorted(reported.Select(r => r.Node)), Is.EqualTo(Sorted(expected)));
        foreach (var (node, hash) in reported)
        {
            Assert.That(hash, Is.EqualTo(MerkleTree.Root(LeafHashes.GetRange((int)node.FirstLeaf, 1 << node.Level), 1 << node.Level)), $"{node}");
        }
    }

    [Test]
    public void A_tree_continued_from_its_frontier_reports_the_subtrees_its_new_leaves_complete_as_one_grown_at_once_does()
    {
        var random = new Random(9162);
        var sizes = Enumerable.Range(0, 12).Select(_ => random.Next(1, Leaves)).Append(Leaves).Order().ToList();
        var reported = new List<(MerkleNode Node, byte[] Hash)>();
        var tree = new MerkleAccumulator();
        var previous = 0;
        foreach (var size in sizes)
        {
            // Each checkpoint continues from the last one's frontier, as CheckpointStore does.
            tree = MerkleAccumulator.FromFrontier(tree.Size, tree.Frontier())!;
            LeafHashes.GetRange(previous, size - previous).ForEach(leaf => tree.Add(leaf, reported));
            previous = size;
            Assert.That(Sorted(reported.Select(r => r.Node)), Is.EqualTo(Sorted(Stored.Keys.Where(n => n.Level > 0 && n.EndLeaf <= size))), $"the subtrees complete at {size}");
        }

        Assert.That(reported.Select(r => r.Node).Distinct().Count(), Is.EqualTo(reported.Count), "each subtree reported once");
        Assert.That(reported.All(r => r.Hash.AsSpan().SequenceEqual(Stored[r.Node])), "each with its hash");
    }

    [Test]
    public void Inclusion_proofs_from_stored_subtrees_equal_the_in_memory_ones_for_trees_of_one_to_two_thousand_leaves()
    {
        var random = new Random(1572);
        var root = new MerkleAccumulator();
        for (var n = 1; n <= Leaves; n++)
        {
            root.Add(LeafHashes[n - 1]);
            // Every leaf of the smaller trees, both ends and a few random leaves of the larger: the in-memory proof
            // costs O(n) each, so every leaf of every size would be billions of hashes.
            var leaves = n <= 100 ? Enumerable.Range(0, n) : new[] { 0, n - 1, random.Next(n), random.Next(n) };
            foreach (var m in leaves)
            {
                var proof = StoredInclusionProof(m, n);
                if (n <= 100 || n % 16 == 0)
                {
                    Assert.That(proof, Is.EqualTo(MerkleTree.InclusionProof(LeafHashes, m, n)), $"leaf {m} of {n}");
                }

                Assert.That(MerkleTree.VerifyInclusion(m, n, LeafHashes[m], proof, root.Root()), $"leaf {m} of {n} verifies");
            }
        }
    }

    [Test]
    public void Consistency_proofs_from_stored_subtrees_equal_the_in_memory_ones_between_random_sizes()
    {
        var random = new Random(6962);
        var pairs = Enumerable.Range(1, 64).SelectMany(n => Enumerable.Range(0, n + 1).Select(m => (m, n)))
            .Concat(Enumerable.Range(0, 100).Select(_ => random.Next(1, Leaves + 1)).Select(n => (random.Next(0, n + 1), n)))
            .Append((1024, Leaves)).Append((Leaves - 1, Leaves)).Append((1, Leaves));
        foreach (var (m, n) in pairs)
        {
            var proof = MerkleProofPlan.Consistency(m, n).Select(element => MerkleProofPlan.Fold(element, node => Stored[node])).ToList();

            Assert.That(proof, Is.EqualTo(MerkleTree.ConsistencyProof(LeafHashes, m, n)), $"{m} to {n}");
            Assert.That(
                MerkleTree.VerifyConsistency(m, n, MerkleTree.Root(LeafHashes, m), MerkleTree.Root(LeafHashes, n), proof),
                $"{m} to {n} verifies");
        }
    }

    [Test]
    public void A_proof_in_a_tree_of_a_trillion_leaves_reads_at_most_two_subtrees_per_level_all_inside_the_tree()
    {
        var random = new Random(16);
        foreach (var n in new[] { 1_000_000_000_000L, (1L << 40) + 1, (1L << 40) - 1, 999_999_999_999L })
        {
            var levels = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(n - 1));
            foreach (var m in new[] { 0, n - 1, n / 2, random.NextInt64(n) })
            {
                var nodes = MerkleProofPlan.Inclusion(m, n).SelectMany(element => element).ToList();
                Assert.That(nodes, Has.Count.LessThanOrEqualTo(2 * levels), $"leaf {m} of {n}");
                Assert.That(nodes.All(node => node.EndLeaf <= n), $"leaf {m} of {n} reads only complete subtrees of the tree");
            }

            var first = random.NextInt64(1, n);
            var consistency = MerkleProofPlan.Consistency(first, n).SelectMany(element => element).ToList();
            Assert.That(consistency, Has.Count.LessThanOrEqualTo(2 * levels), $"{first} to {n}");
            Assert.That(consistency.All(node => node.EndLeaf <= n), $"{first} to {n} reads only complete subtrees of the tree");
        }
    }

    [Test]
    public void The_tiling_of_a_range_is_aligned_complete_subtrees_that_cover_it_exactly()
    {
        var random = new Random(2);
        for (var i = 0; i < 2000; i++)
        {
            var start = random.NextInt64(0, 1L << 40);
            var end = start + random.NextInt64(0, 1L << random.Next(1, 40));
            var tiling = MerkleNode.Tiling(start, end);
            var next = start;
            foreach (var node in tiling)
            {
                Assert.That(node.FirstLeaf, Is.EqualTo(next), $"[{start}, {end})");
                next = node.EndLeaf;
            }

            Assert.That(next, Is.EqualTo(end), $"[{start}, {end})");
            Assert.That(tiling, Has.Count.LessThanOrEqualTo(80), $"[{start}, {end})");
        }
    }

    // NUnit's EquivalentTo compares every pair: thousands of nodes take a minute, so compare them in one order.
    private static List<MerkleNode> Sorted(IEnumerable<MerkleNode> nodes) => nodes.OrderBy(n => n.Level).ThenBy(n => n.Index).ToList();

    private static List<byte[]> StoredInclusionProof(int m, int n) =>
        MerkleProofPlan.Inclusion(m, n).Select(element => MerkleProofPlan.Fold(element, node => Stored[node])).ToList();

    // Every complete subtree of the leaves, the leaves included, as the stored tree and the ledger hold them together.
    private static Dictionary<MerkleNode, byte[]> StoreAll(List<byte[]> leaves)
    {
        var reported = new List<(MerkleNode Node, byte[] Hash)>();
        var tree = new MerkleAccumulator();
        leaves.ForEach(leaf => tree.Add(leaf, reported));
        var stored = reported.ToDictionary(r => r.Node, r => r.Hash);
        for (var i = 0; i < leaves.Count; i++)
        {
            stored[new MerkleNode(0, i)] = leaves[i];
        }

        return stored;
    }

    private static List<byte[]> RandomLeaves(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var leaf = new byte[random.Next(0, 64)];
            random.NextBytes(leaf);
            return MerkleTree.LeafHash(leaf);
        }).ToList();
}
