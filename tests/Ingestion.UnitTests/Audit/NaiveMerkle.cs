using System.Security.Cryptography;

namespace Ingestion.UnitTests.Audit;

/// <summary>
/// RFC 9162 §2.1 written down as literally as possible (recursive MTH, PATH and SUBPROOF), independent of the production
/// tree, to check it against. It works on leaf hashes (<see cref="Leaf"/>), and every tree it is asked about is a prefix
/// of one list of leaves: it remembers the hash of each subtree (a range of those leaves) once computed, so that a
/// thousand trees take a second, not minutes. The recursion is the RFC's; only its repeated work is saved.
/// </summary>
internal sealed class NaiveMerkle(byte[][] leaves)
{
    private readonly Dictionary<(int Start, int Count), byte[]> _subtrees = [];

    public static byte[] Leaf(byte[] data) => SHA256.HashData([0x00, .. data]);

    /// <summary>MTH of the first <paramref name="n"/> leaves.</summary>
    public byte[] Mth(int n) => Mth(0, n);

    /// <summary>PATH(m, D[0:n]): the inclusion proof of leaf <paramref name="m"/> in the tree of the first <paramref name="n"/> leaves.</summary>
    public List<byte[]> Path(int m, int n) => Path(m, 0, n);

    /// <summary>PROOF(m, D[0:n]): the consistency proof of the tree of <paramref name="m"/> leaves with that of <paramref name="n"/>.</summary>
    public List<byte[]> Proof(int m, int n) => SubProof(m, 0, n, complete: true);

    // MTH(D[start:start+count]).
    private byte[] Mth(int start, int count)
    {
        if (count == 0)
        {
            return SHA256.HashData(Array.Empty<byte>());
        }

        if (count == 1)
        {
            return leaves[start];
        }

        if (_subtrees.TryGetValue((start, count), out var known))
        {
            return known;
        }

        var k = Split(count);
        var hash = SHA256.HashData([0x01, .. Mth(start, k), .. Mth(start + k, count - k)]);
        _subtrees[(start, count)] = hash;
        return hash;
    }

    private List<byte[]> Path(int m, int start, int count)
    {
        if (count == 1)
        {
            return [];
        }

        var k = Split(count);
        return m < k
            ? [.. Path(m, start, k), Mth(start + k, count - k)]
            : [.. Path(m - k, start + k, count - k), Mth(start, k)];
    }

    private List<byte[]> SubProof(int m, int start, int count, bool complete)
    {
        if (m == count)
        {
            return complete ? [] : [Mth(start, count)];
        }

        var k = Split(count);
        return m <= k
            ? [.. SubProof(m, start, k, complete), Mth(start + k, count - k)]
            : [.. SubProof(m - k, start + k, count - k, complete: false), Mth(start, k)];
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
