using Ingestion.Samples;
using Ingestion.Samples.Pdf;

namespace Ingestion.Lab.Dataset;

/// <summary>
/// The benchmark's documents: <c>documents</c> born-digital PDFs (text layer, template declared in the metadata) spread
/// evenly over <c>sites</c> packets, one per site. Born-digital only, so that the figure measures the pipeline and not
/// Tesseract; the same seed writes the same bytes.
/// </summary>
public static class BenchDataset
{
    // Names and cities of letters only: the extraction rules expect a person's name to look like one.
    private static readonly string[] GivenNames = ["Maria", "Kenji", "Amara", "Lars", "Sofia", "Omar", "Ingrid", "Rahul", "Chloe", "Tomas", "Yara", "Felix"];
    private static readonly string[] FamilyNames = ["Keller", "Okafor", "Lindqvist", "Moreau", "Haddad", "Novak", "Ferreira", "Nakamura", "Brennan", "Costa", "Weiss"];
    private static readonly string[] Cities = ["Lyon, France", "Porto, Portugal", "Leeds, United Kingdom", "Graz, Austria", "Quebec, Canada", "Perth, Australia", "Osaka, Japan"];

    /// <summary>Writes one folder per site under <paramref name="root"/> and returns the folders in site order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one site, or fewer documents than sites.</exception>
    public static IReadOnlyList<string> Write(string root, int documents, int sites, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sites, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(documents, sites);
        var folders = new List<string>(sites);
        for (var s = 0; s < sites; s++)
        {
            // The first documents % sites packets take one document more, so that the total is exactly what was asked.
            var count = (documents / sites) + (s < documents % sites ? 1 : 0);
            var site = Site(s);
            var variants = Enumerable.Repeat(PdfVariant.BornDigital, count).ToArray();
            folders.Add(PdfPacketWriter.WritePacket(Path.Combine(root, site.SiteId), site, variants, seed + s));
        }

        return folders;
    }

    private static SampleSite Site(int index)
    {
        var investigator = $"Dr. {GivenNames[index % GivenNames.Length]} {FamilyNames[index % FamilyNames.Length]}";
        return new SampleSite($"BENCH-{index + 1:D3}", investigator, Cities[index % Cities.Length], "English");
    }
}
