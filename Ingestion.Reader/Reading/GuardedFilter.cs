using System.IO.Compression;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Ingestion.Reader.Reading;

/// <summary>One of PdfPig's filters behind the guard of <see cref="GuardedFilterProvider"/>.</summary>
internal sealed class GuardedFilter(string name, IFilter inner, long maxDecodedBytes) : IFilter
{
    // Always true, so that PdfPig hands the data over and an unsupported filter fails here, with its name.
    public bool IsSupported => true;

    public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
    {
        if (!inner.IsSupported)
        {
            throw new UnsupportedFeatureException(name, $"The document needs the {name} filter, which the reader does not implement.");
        }

        if (name is "FlateDecode" or "Fl")
        {
            EnsureInflatesWithinLimit(input);
        }

        var decoded = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
        return decoded.Length > maxDecodedBytes ? throw TooLarge() : decoded;
    }

    // Inflates into a small scratch buffer only to count: the real decode then runs knowing the size is bounded.
    private void EnsureInflatesWithinLimit(Memory<byte> input)
    {
        if (input.Length < 2)
        {
            return;
        }

        // The zlib header's two bytes come first; PdfPig skips them the same way.
        using var compressed = new MemoryStream(input[2..].ToArray(), writable: false);
        using var inflater = new DeflateStream(compressed, CompressionMode.Decompress);
        var scratch = new byte[1 << 16];
        long total = 0;
        try
        {
            int read;
            while ((read = inflater.Read(scratch)) > 0)
            {
                total += read;
                if (total > maxDecodedBytes)
                {
                    throw TooLarge();
                }
            }
        }
        catch (InvalidDataException)
        {
            // Corrupt data: PdfPig's own decoder recovers what it can, and stops where the data does.
        }
    }

    private ResourceLimitException TooLarge() =>
        new($"decoded stream {maxDecodedBytes >> 20} MiB", $"A {name} stream decodes to more than {maxDecodedBytes >> 20} MiB (a compression bomb, or a document far larger than a site form).");
}
