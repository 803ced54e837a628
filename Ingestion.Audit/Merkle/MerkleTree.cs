using System.Buffers;
using System.Numerics;
using System.Security.Cryptography;

namespace Ingestion.Audit.Merkle;

/// <summary>
/// The Merkle tree of RFC 9162 §2.1 (the RFC 6962 tree of Certificate Transparency) over leaf hashes: leaf hash =
/// SHA-256(0x00 ‖ leaf), node hash = SHA-256(0x01 ‖ left ‖ right), a tree of n leaves split at the largest power of
/// two smaller than n. Inclusion and consistency proofs follow §2.1.3 and §2.1.4, so any RFC 9162 verifier accepts them.
/// </summary>
public static class MerkleTree
{
    /// <summary>The root of the empty tree: SHA-256 of no bytes.</summary>
    public static byte[] EmptyRoot => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>SHA-256(0x00 ‖ leaf).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> leaf) => PrefixedHash([0x00], leaf);

    /// <summary>SHA-256(0x01 ‖ left ‖ right).</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + left.Length + right.Length];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + left.Length)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>SHA-256(prefix ‖ data), one shot, without a hash object per call.</summary>
    internal static byte[] PrefixedHash(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data)
    {
        var length = prefix.Length + data.Length;
        byte[]? rented = null;
        Span<byte> buffer = length <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            prefix.CopyTo(buffer);
            data.CopyTo(buffer[prefix.Length..]);
            return SHA256.HashData(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The root of the tree of the first <paramref name="size"/> leaves.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes, long size)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        CheckSize(leafHashes, size);
        return size == 0 ? EmptyRoot : Subtree(leafHashes, 0, (int)size);
    }

    /// <summary>The audit path of leaf <paramref name="leafIndex"/> (from 0) in the tree of the first <paramref name="size"/> leaves.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leafHashes, long leafIndex, long size)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        CheckSize(leafHashes, size);
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, size);
        var path = new List<byte[]>();
        Path(leafHashes, (int)leafIndex, 0, (int)size, path);
        return path;
    }

    /// <summary>The consistency proof between the trees of the first <paramref name="first"/> and <paramref name="second"/> leaves.</summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leafHashes, long first, long second)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        CheckSize(leafHashes, second);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, second);
        var proof = new List<byte[]>();
        // An empty or identical tree is consistent with anything or itself; RFC 9162 defines the proof for 0 < m < n.
        if (first > 0 && first < second)
        {
            SubProof(leafHashes, (int)first, 0, (int)second, complete: true, proof);
        }

        return proof;
    }

    /// <summary>RFC 9162 §2.1.3.2: does <paramref name="proof"/> put <paramref name="leafHash"/> at <paramref name="leafIndex"/> under <paramref name="root"/>?</summary>
    public static bool VerifyInclusion(long leafIndex, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (leafIndex < 0 || leafIndex >= size)
        {
            return false;
        }

        var fn = leafIndex;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>RFC 9162 §2.1.4.2: does <paramref name="proof"/> show the tree of <paramref name="first"/> leaves is a prefix of the tree of <paramref name="second"/>?</summary>
    public static bool VerifyConsistency(long first, long second, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (first < 0 || first > second)
        {
            return false;
        }

        if (first == second)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }

        if (first == 0)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(EmptyRoot);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        var path = BitOperations.IsPow2(first) ? [firstRoot.ToArray(), .. proof] : proof.ToList();
        var fn = first - 1;
        var sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }

    private static void CheckSize(IReadOnlyList<byte[]> leafHashes, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, leafHashes.Count);
    }

    // The largest power of two smaller than n (n > 1).
    private static int Split(int n) => 1 << (BitOperations.Log2((uint)(n - 1)));

    private static byte[] Subtree(IReadOnlyList<byte[]> leafHashes, int start, int count)
    {
        if (count == 1)
        {
            return leafHashes[start];
        }

        var k = Split(count);
        return NodeHash(Subtree(leafHashes, start, k), Subtree(leafHashes, start + k, count - k));
    }

    private static void Path(IReadOnlyList<byte[]> leafHashes, int m, int start, int count, List<byte[]> path)
    {
        if (count == 1)
        {
            return;
        }

        var k = Split(count);
        if (m < k)
        {
            Path(leafHashes, m, start, k, path);
            path.Add(Subtree(leafHashes, start + k, count - k));
        }
        else
        {
            Path(leafHashes, m - k, start + k, count - k, path);
            path.Add(Subtree(leafHashes, start, k));
        }
    }

    private static void SubProof(IReadOnlyList<byte[]> leafHashes, int m, int start, int count, bool complete, List<byte[]> proof)
    {
        if (m == count)
        {
            if (!complete)
            {
                proof.Add(Subtree(leafHashes, start, count));
            }

            return;
        }

        var k = Split(count);
        if (m <= k)
        {
            SubProof(leafHashes, m, start, k, complete, proof);
            proof.Add(Subtree(leafHashes, start + k, count - k));
        }
        else
        {
            SubProof(leafHashes, m - k, start + k, count - k, complete: false, proof);
            proof.Add(Subtree(leafHashes, start, k));
        }
    }
}
