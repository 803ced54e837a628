using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ingestion.Site.Submission;

namespace Ingestion.Samples;

/// <summary>
/// Writes site activation packets deterministically from a seed: the same seed gives byte-identical files and
/// manifests, so the demo, the tests and the benchmark all see the same documents.
/// </summary>
public static class SamplePacketWriter
{
    /// <summary>The study all sample packets belong to.</summary>
    public const string Study = "ABC-123";

    /// <summary>The three demo sites: one clean, one with a deprecated v1 form, one with a corrupted file.</summary>
    public static readonly IReadOnlyList<SampleSite> DemoSites =
    [
        new("US-BOS-001", "Dr. Jane Whitfield", "Boston, MA, USA", "English"),
        new("DE-BER-002", "Dr. Lukas Brandt", "Berlin, Germany", "German"),
        new("JP-TKY-003", "Dr. Aiko Tanaka", "Tokyo, Japan", "Japanese"),
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>What a document of a generated packet should become.</summary>
    public enum Variant
    {
        /// <summary>A current v2 template, all fields present.</summary>
        Current,

        /// <summary>A deprecated v1.4 template.</summary>
        Deprecated,

        /// <summary>Bytes changed after the site computed the manifest hash.</summary>
        Corrupted,

        /// <summary>A retired v1.0 template.</summary>
        Retired,
    }

    /// <summary>Writes the three demo packets under <paramref name="root"/>, one folder per site; returns the folders.</summary>
    public static IReadOnlyList<string> WriteDemo(string root, int seed = 1572)
    {
        var folders = new List<string>();
        for (var i = 0; i < DemoSites.Count; i++)
        {
            var site = DemoSites[i];
            var variants = SampleTemplates.All.Select(_ => Variant.Current).ToArray();
            if (i == 1)
            {
                variants[0] = Variant.Deprecated;
            }
            else if (i == 2)
            {
                variants[4] = Variant.Corrupted;
            }

            folders.Add(WritePacket(Path.Combine(root, site.SiteId), site, variants, seed + i));
        }

        return folders;
    }

    /// <summary>Writes one packet whose documents cycle through the templates; <paramref name="variants"/> has one entry per document.</summary>
    public static string WritePacket(string folder, SampleSite site, IReadOnlyList<Variant> variants, int seed)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(variants);
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var documents = new List<ManifestDocument>();
        for (var n = 0; n < variants.Count; n++)
        {
            var template = SampleTemplates.All[n % SampleTemplates.All.Count];
            var version = variants[n] switch
            {
                Variant.Deprecated => "1.4",
                Variant.Retired => "1.0",
                _ => "2." + (n % 2).ToString(CultureInfo.InvariantCulture),
            };
            var text = Render(template, version, site, random);
            var file = $"{n + 1:D3}-{template.FileStem}.txt";
            var bytes = Encoding.UTF8.GetBytes(text);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (variants[n] == Variant.Corrupted)
            {
                // Bit rot in transit: one byte differs from what the site hashed.
                bytes[bytes.Length / 2] ^= 0x20;
            }

            File.WriteAllBytes(Path.Combine(folder, file), bytes);
            documents.Add(new ManifestDocument
            {
                DocumentId = $"{site.SiteId}-DOC-{n + 1:D3}",
                ArtifactType = template.ArtifactType,
                File = file,
                Sha256 = sha256,
            });
        }

        var manifest = new PacketManifest { PacketId = PacketIdFor(site.SiteId, seed), Documents = documents };
        File.WriteAllText(Path.Combine(folder, PacketManifest.FileName), JsonSerializer.Serialize(manifest, Json));
        return folder;
    }

    private static Guid PacketIdFor(string siteId, int seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"packet/{siteId}/{seed}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    // The text form is the shared form's lines, each ended by a newline.
    private static string Render(SampleTemplate template, string version, SampleSite site, Random random) =>
        string.Join('\n', SampleForm.Lines(template, version, site, random)) + "\n";
}
