using Ingestion.Audit.Merkle;

namespace Ingestion.UnitTests.Audit;

/// <summary>The production tree against <see cref="NaiveMerkle"/> over random trees of 1 to 1,000 leaves.</summary>
public sealed class MerkleAgainstNaiveTests
{
    [Test]
    public void Roots_inclusion_and_consistency_proofs_equal_the_naive_rfc_9162_ones_for_random_trees_of_one_to_a_thousand_leaves()
    {
        var random = new Random(9162);
        var data = Enumerable.Range(0, 1000).Select(_ => RandomBytes(random, random.Next(0, 64))).ToArray();
        var leaves = data.Select(NaiveMerkle.Leaf).ToArray();
        var naive = new NaiveMerkle(leaves);
        var leafHashes = data.Select(l => MerkleTree.LeafHash(l)).ToList();
        Assert.That(leafHashes, Is.EqualTo(leaves), "leaf hashes");
        var accumulator = new MerkleAccumulator();
        var roots = new List<byte[]> { naive.Mth(0) };
        for (var n = 1; n <= 1000; n++)
        {
            var root = naive.Mth(n);
            roots.Add(root);
            accumulator.Add(leafHashes[n - 1]);
            Assert.That(Hex(MerkleTree.Root(leafHashes, n)), Is.EqualTo(Hex(root)), $"root of {n}");
            Assert.That(Hex(accumulator.Root()), Is.EqualTo(Hex(root)), $"streamed root of {n}");

            // Every index of the small trees; a few random ones (and both ends) of the larger, or the naive proofs take minutes.
            var indices = n <= 64 ? Enumerable.Range(0, n) : new[] { 0, n - 1, random.Next(n) };
            foreach (var m in indices)
            {
                var proof = MerkleTree.InclusionProof(leafHashes, m, n);
                Assert.That(Hex(proof), Is.EqualTo(Hex(naive.Path(m, n))), $"inclusion proof of leaf {m} in {n}");
                Assert.That(MerkleTree.VerifyInclusion(m, n, leafHashes[m], proof, root), Is.True, $"leaf {m} in {n} verifies");
                if (n > 1)
                {
                    Assert.That(MerkleTree.VerifyInclusion(m, n, leafHashes[(m + 1) % n], proof, root), Is.False, $"another leaf at {m} in {n}");
                }
            }

            var sizes = n <= 64 ? Enumerable.Range(1, n - 1) : new[] { 1, n - 1, 1 + random.Next(n - 1) };
            foreach (var m in sizes)
            {
                var proof = MerkleTree.ConsistencyProof(leafHashes, m, n);
                Assert.That(Hex(proof), Is.EqualTo(Hex(naive.Proof(m, n))), $"consistency proof {m} to {n}");
                Assert.That(MerkleTree.VerifyConsistency(m, n, roots[m], root, proof), Is.True, $"{m} to {n} verifies");
            }
        }
    }

    // Hashes compared as hex: as exact as comparing their bytes, and a failure shows which hash differs.
    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    private static string Hex(IEnumerable<byte[]> hashes) => string.Join(' ', hashes.Select(Convert.ToHexStringLower));

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
