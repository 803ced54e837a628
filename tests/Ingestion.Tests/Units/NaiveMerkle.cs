using System.Security.Cryptography;

namespace Ingestion.Tests.Units;

/// <summary>
/// RFC 9162 §2.1 written down as literally as possible (recursive MTH, PATH and SUBPROOF), independent of the production
/// tree, to check it against. It works on leaf hashes (<see cref="Leaf"/>) so that a thousand trees take seconds, not minutes.
/// </summary>
internal static class NaiveMerkle
{
    public static byte[] Leaf(byte[] data) => SHA256.HashData([0x00, .. data]);

    public static byte[] Mth(byte[][] leaves)
    {
        if (leaves.Length == 0)
        {
            return SHA256.HashData(Array.Empty<byte>());
        }

        if (leaves.Length == 1)
        {
            return leaves[0];
        }

        var k = Split(leaves.Length);
        return SHA256.HashData([0x01, .. Mth(leaves[..k]), .. Mth(leaves[k..])]);
    }

    public static List<byte[]> Path(int m, byte[][] leaves)
    {
        if (leaves.Length == 1)
        {
            return [];
        }

        var k = Split(leaves.Length);
        return m < k
            ? [.. Path(m, leaves[..k]), Mth(leaves[k..])]
            : [.. Path(m - k, leaves[k..]), Mth(leaves[..k])];
    }

    public static List<byte[]> Proof(int m, byte[][] leaves) => SubProof(m, leaves, complete: true);

    private static List<byte[]> SubProof(int m, byte[][] leaves, bool complete)
    {
        var n = leaves.Length;
        if (m == n)
        {
            return complete ? [] : [Mth(leaves)];
        }

        var k = Split(n);
        return m <= k
            ? [.. SubProof(m, leaves[..k], complete), Mth(leaves[k..])]
            : [.. SubProof(m - k, leaves[k..], complete: false), Mth(leaves[..k])];
    }

    // The largest power of two smaller than n.
    private static int Split(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }
}
