using Ingestion.Audit.Merkle;

namespace Ingestion.UnitTests.Audit;

/// <summary>The RFC 6962 / RFC 9162 tree against Certificate Transparency's published test vectors.</summary>
public sealed class MerkleTreeTests
{
    private static readonly string[] Leaves =
        ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static readonly List<byte[]> LeafHashes = Leaves.Select(l => MerkleTree.LeafHash(Convert.FromHexString(l))).ToList();

    [Test]
    public void The_empty_tree_root_is_the_sha256_of_no_bytes() =>
        Assert.That(
            Convert.ToHexStringLower(MerkleTree.Root(LeafHashes, 0)),
            Is.EqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));

    [Test]
    public void The_roots_of_sizes_one_to_eight_are_the_published_certificate_transparency_roots() =>
        Assert.That(
            Enumerable.Range(1, 8).Select(n => Convert.ToHexStringLower(MerkleTree.Root(LeafHashes, n))),
            Is.EqualTo(Roots));

    [Test]
    public void Every_inclusion_proof_of_sizes_one_to_eight_verifies_against_its_root()
    {
        for (var n = 1; n <= 8; n++)
        {
            var root = MerkleTree.Root(LeafHashes, n);
            for (var m = 0; m < n; m++)
            {
                var proof = MerkleTree.InclusionProof(LeafHashes, m, n);
                Assert.That(MerkleTree.VerifyInclusion(m, n, LeafHashes[m], proof, root), Is.True, $"leaf {m} of {n}");
                Assert.That(MerkleTree.VerifyInclusion(m, n, LeafHashes[(m + 1) % 8], proof, root), Is.False, $"wrong leaf at {m} of {n}");
                if (proof.Count > 0)
                {
                    Assert.That(MerkleTree.VerifyInclusion(m, n, LeafHashes[m], Tampered(proof), root), Is.False, $"tampered path of leaf {m} of {n}");
                    Assert.That(MerkleTree.VerifyInclusion(m, n, LeafHashes[m], proof.Take(proof.Count - 1).ToList(), root), Is.False, $"short path of leaf {m} of {n}");
                }
            }
        }
    }

    [Test]
    public void The_inclusion_proof_of_leaf_zero_in_eight_is_the_published_audit_path() =>
        Assert.That(
            MerkleTree.InclusionProof(LeafHashes, 0, 8).Select(Convert.ToHexStringLower),
            Is.EqualTo(new[]
            {
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            }));

    [Test]
    public void Every_consistency_proof_between_sizes_up_to_eight_verifies_and_a_tampered_one_does_not()
    {
        for (var n = 1; n <= 8; n++)
        {
            var second = MerkleTree.Root(LeafHashes, n);
            for (var m = 1; m <= n; m++)
            {
                var first = MerkleTree.Root(LeafHashes, m);
                var proof = MerkleTree.ConsistencyProof(LeafHashes, m, n);
                Assert.That(MerkleTree.VerifyConsistency(m, n, first, second, proof), Is.True, $"{m} to {n}");
                if (m < n)
                {
                    Assert.That(MerkleTree.VerifyConsistency(m, n, first, second, Tampered(proof)), Is.False, $"tampered {m} to {n}");
                    Assert.That(MerkleTree.VerifyConsistency(m, n, second, first, proof), Is.False, $"swapped roots {m} to {n}");
                    Assert.That(MerkleTree.VerifyConsistency(m, n, first, second, []), Is.False, $"empty proof {m} to {n}");
                }
            }
        }
    }

    [Test]
    public void The_consistency_proof_from_six_to_eight_is_the_published_one() =>
        Assert.That(
            MerkleTree.ConsistencyProof(LeafHashes, 6, 8).Select(Convert.ToHexStringLower),
            Is.EqualTo(new[]
            {
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            }));

    private static List<byte[]> Tampered(IReadOnlyList<byte[]> proof)
    {
        var copy = proof.Select(p => p.ToArray()).ToList();
        copy[^1][0] ^= 0x01;
        return copy;
    }
}
