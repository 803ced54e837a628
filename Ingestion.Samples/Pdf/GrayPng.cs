using System.Buffers.Binary;
using System.IO.Compression;

namespace Ingestion.Samples.Pdf;

/// <summary>Encodes a <see cref="GrayImage"/> as an 8-bit grayscale PNG, the form PdfPig's builder takes images in.</summary>
internal static class GrayPng
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Encode(GrayImage image)
    {
        using var png = new MemoryStream();
        png.Write(Signature);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = 8; // bit depth
        header[9] = 0; // colour type: grayscale; compression, filter and interlace methods stay 0
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, Compress(image));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static byte[] Compress(GrayImage image)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < image.Height; y++)
            {
                // Filter type None: the PNG only travels as far as PdfPig, which re-encodes the pixels anyway.
                zlib.WriteByte(0);
                zlib.Write(image.Pixels, y * image.Width, image.Width);
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);

        var typed = new byte[type.Length + data.Length];
        type.CopyTo(typed);
        data.CopyTo(typed.AsSpan(type.Length));
        png.Write(typed);

        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.Compute(typed));
        png.Write(number);
    }
}
