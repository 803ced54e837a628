namespace Ingestion.Reader.Reading;

/// <summary>
/// Where a PDF starts. Readers accept a header anywhere in the first 1024 bytes (ISO 32000-2 7.5.2, implementation
/// note): a byte-order mark, a MacBinary header, a mail gateway's line may come before it.
/// </summary>
public static class HeaderLocator
{
    /// <summary>How far into a file the header may start.</summary>
    public const int Window = 1024;

    private static readonly byte[] Signature = "%PDF-"u8.ToArray();

    /// <summary>The offset of <c>%PDF-</c> in <paramref name="head"/> (the file's first bytes), or -1.</summary>
    public static int Find(ReadOnlySpan<byte> head)
    {
        var window = head[..Math.Min(head.Length, Window)];
        return window.IndexOf(Signature);
    }

    /// <summary>Whether <c>%%EOF</c> occurs anywhere in the file; a file cut short in transit has none.</summary>
    public static bool HasEofMarker(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var marker = "%%EOF"u8;
        var buffer = new byte[1 << 16];
        long end = file.Length;
        // Backwards in overlapping blocks: the marker is normally in the last block, trailing junk may push it back.
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            file.Seek(start, SeekOrigin.Begin);
            var length = (int)(end - start);
            file.ReadExactly(buffer, 0, length);
            if (buffer.AsSpan(0, length).IndexOf(marker) >= 0)
            {
                return true;
            }

            end = start == 0 ? 0 : start + marker.Length - 1;
        }

        return false;
    }
}
