using System.Globalization;
using Ingestion.Samples.Pdf;

namespace Ingestion.Samples.Replay;

/// <summary>
/// The frozen dataset of deterministic replay: one PDF packet per site, mostly born-digital, with a seeded share of
/// revised, deprecated, truncated, not-a-PDF, encrypted, empty, corrupted-after-hashing and scanned documents. The
/// same seed and size write byte-identical files, and <see cref="DatasetChecksums"/> lists their SHA-256s.
/// </summary>
public static class ReplayDataset
{
    /// <summary>The seed of the committed dataset.</summary>
    public const int DefaultSeed = 1572;

    /// <summary>The size of the committed dataset: 84 documents for each of six sites.</summary>
    public const int DefaultDocuments = 504;

    /// <summary>The six sites, three of them the demo's.</summary>
    public static readonly IReadOnlyList<SampleSite> Sites =
    [
        .. SamplePacketWriter.DemoSites,
        new("FR-PAR-004", "Dr. Claire Moreau", "Paris, France", "French"),
        new("BR-SAO-005", "Dr. Rafael Souza", "São Paulo, Brazil", "Portuguese"),
        new("AU-SYD-006", "Dr. Olivia Hart", "Sydney, Australia", "English"),
    ];

    // Cumulative per-mille shares; the rest are born-digital. Scans are few because OCR costs about a second a page.
    private static readonly (int UpTo, DatasetVariant Variant)[] Shares =
    [
        (60, DatasetVariant.Revised),
        (110, DatasetVariant.Deprecated),
        (125, DatasetVariant.Truncated),
        (140, DatasetVariant.NotPdf),
        (155, DatasetVariant.Encrypted),
        (170, DatasetVariant.Empty),
        (190, DatasetVariant.Corrupted),
        (200, DatasetVariant.Scanned),
    ];

    /// <summary>
    /// Writes <paramref name="documents"/> documents (spread evenly over the six sites, at least one each) under
    /// <paramref name="root"/>, one folder per site, and the checksum file; returns the site folders.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="documents"/> is below the number of sites.</exception>
    public static IReadOnlyList<string> Write(string root, int seed = DefaultSeed, int documents = DefaultDocuments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(documents, Sites.Count);
        Directory.CreateDirectory(root);
        var choices = new Random(seed);
        var folders = new List<string>();
        for (var s = 0; s < Sites.Count; s++)
        {
            var count = (documents / Sites.Count) + (s < documents % Sites.Count ? 1 : 0);
            var variants = Enumerable.Range(0, count).Select(_ => Pick(choices.Next(1000))).ToList();
            var folder = Path.Combine(root, Sites[s].SiteId);
            PdfPacketWriter.WritePacket(folder, Sites[s], variants.Select(ToPdf).ToList(), unchecked(seed + (s * 101)));
            for (var n = 0; n < count; n++)
            {
                if (variants[n] == DatasetVariant.Corrupted)
                {
                    Corrupt(folder, n);
                }
            }

            folders.Add(folder);
        }

        DatasetChecksums.Write(root);
        return folders;
    }

    private static DatasetVariant Pick(int perMille) =>
        Shares.FirstOrDefault(s => perMille < s.UpTo) is { UpTo: > 0 } share ? share.Variant : DatasetVariant.BornDigital;

    private static PdfVariant ToPdf(DatasetVariant variant) => variant switch
    {
        DatasetVariant.Revised => PdfVariant.Revised,
        DatasetVariant.Deprecated => PdfVariant.Deprecated,
        DatasetVariant.Truncated => PdfVariant.Truncated,
        DatasetVariant.NotPdf => PdfVariant.NotPdf,
        DatasetVariant.Encrypted => PdfVariant.Encrypted,
        DatasetVariant.Empty => PdfVariant.Empty,
        DatasetVariant.Scanned => PdfVariant.Scanned,
        _ => PdfVariant.BornDigital,
    };

    // Bit rot after the site hashed the file: the manifest keeps the hash of the bytes as written.
    private static void Corrupt(string folder, int n)
    {
        var prefix = (n + 1).ToString("D3", CultureInfo.InvariantCulture) + "-";
        var path = Directory.EnumerateFiles(folder, prefix + "*.pdf").Single();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x20;
        File.WriteAllBytes(path, bytes);
    }
}
