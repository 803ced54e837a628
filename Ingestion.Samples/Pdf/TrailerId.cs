using System.Security.Cryptography;
using System.Text;

namespace Ingestion.Samples.Pdf;

/// <summary>
/// Replaces the trailer <c>/ID</c> that PdfPig 0.1.16 always writes from two <see cref="Guid.NewGuid"/> calls
/// (TokenWriter.WriteCrossReferenceTable, not overridable) with one derived from the document's identity, so the same
/// seed gives the same bytes. The new value has the same length, so no cross-reference offset moves.
/// </summary>
internal static class TrailerId
{
    private const int HexLength = 32;

    public static byte[] Pin(byte[] pdf, string identity)
    {
        var replacement = Encoding.ASCII.GetBytes(Of(identity));
        var trailer = LastIndexOf(pdf, "trailer"u8);
        var id = trailer < 0 ? -1 : IndexOf(pdf, "/ID"u8, trailer);
        if (id < 0)
        {
            throw new InvalidOperationException("The PDF has no trailer /ID to pin; has PdfPig's writer changed?");
        }

        var from = id;
        for (var entry = 0; entry < 2; entry++)
        {
            var start = Array.IndexOf(pdf, (byte)'<', from);
            if (start < 0 || start + HexLength + 1 >= pdf.Length || pdf[start + HexLength + 1] != (byte)'>')
            {
                throw new InvalidOperationException("The trailer /ID is not two 16-byte hex strings; has PdfPig's writer changed?");
            }

            replacement.CopyTo(pdf, start + 1);
            from = start + HexLength + 2;
        }

        return pdf;
    }

    /// <summary>The 16-byte file identifier for <paramref name="identity"/>, as 32 lower-case hex digits.</summary>
    public static string Of(string identity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"pdf-id/{identity}")).AsSpan(0, 16));

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> value, int from)
    {
        var at = data.AsSpan(from).IndexOf(value);
        return at < 0 ? -1 : from + at;
    }

    private static int LastIndexOf(byte[] data, ReadOnlySpan<byte> value) => data.AsSpan().LastIndexOf(value);
}
