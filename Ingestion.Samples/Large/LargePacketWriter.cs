using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ingestion.Site.Submission;

namespace Ingestion.Samples.Large;

/// <summary>A one-document packet holding a born-digital Form FDA 1572 of the given size, for memory measurements.</summary>
public static class LargePacketWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the packet into <paramref name="folder"/> and returns the folder.</summary>
    public static string Write(string folder, SampleSite site, long sizeBytes, int seed)
    {
        ArgumentNullException.ThrowIfNull(site);
        Directory.CreateDirectory(folder);
        var file = $"001-fda-1572-{sizeBytes / (1024 * 1024)}mb.pdf";
        var path = Path.Combine(folder, file);
        StreamedPdfWriter.Write(path, sizeBytes, site, seed);
        string sha256;
        using (var stream = File.OpenRead(path))
        {
            sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        var manifest = new PacketManifest
        {
            PacketId = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"large-packet/{site.SiteId}/{sizeBytes}/{seed}")).AsSpan(0, 16)),
            Documents = [new ManifestDocument { DocumentId = $"{site.SiteId}-LARGE-001", ArtifactType = "05.02.08", File = file, Sha256 = sha256 }],
        };
        File.WriteAllText(Path.Combine(folder, PacketManifest.FileName), JsonSerializer.Serialize(manifest, Json));
        return folder;
    }
}
