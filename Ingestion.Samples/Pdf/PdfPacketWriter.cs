using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ingestion.Site.Submission;

namespace Ingestion.Samples.Pdf;

/// <summary>
/// Writes site activation packets of PDF documents deterministically from a seed: the same seed gives byte-identical
/// files and manifests. Each document is one <see cref="PdfVariant"/>: born-digital, scanned, or one of the ways a
/// file goes wrong. Scanned documents need Poppler's <c>pdftoppm</c> on the path.
/// </summary>
public static class PdfPacketWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Writes the three demo packets under <paramref name="root"/>, one folder per site of
    /// <see cref="SamplePacketWriter.DemoSites"/>, nine forms each: one clean packet with two scans and five free-form
    /// artifacts (CV, expired licence, GCP certificate, IRB letter, a scanned GCP certificate), one with a deprecated and
    /// a revised form, one with truncated, non-PDF, encrypted and empty files. Returns the folders.
    /// </summary>
    public static IReadOnlyList<string> WriteDemo(string root, int seed = 1572)
    {
        var folders = new List<string>();
        for (var i = 0; i < SamplePacketWriter.DemoSites.Count; i++)
        {
            var site = SamplePacketWriter.DemoSites[i];
            var variants = SampleTemplates.All.Select(_ => PdfVariant.BornDigital).ToArray();
            switch (i)
            {
                case 0:
                    variants[0] = PdfVariant.Scanned;
                    variants[4] = PdfVariant.Scanned;
                    break;
                case 1:
                    variants[0] = PdfVariant.Deprecated;
                    variants[1] = PdfVariant.Revised;
                    break;
                default:
                    variants[2] = PdfVariant.Truncated;
                    variants[3] = PdfVariant.NotPdf;
                    variants[5] = PdfVariant.Encrypted;
                    variants[6] = PdfVariant.Empty;
                    break;
            }

            folders.Add(WritePacket(Path.Combine(root, site.SiteId), site, variants, seed + i));
            if (i == 0)
            {
                FreeFormDocuments.AppendTo(folders[^1], site, seed + i);
            }
        }

        return folders;
    }

    /// <summary>
    /// Writes one packet to <paramref name="folder"/>: document n (from 0) is template n modulo 9, written as
    /// <paramref name="variants"/>[n] to <c>NNN-stem.pdf</c>, with a <c>manifest.json</c> holding each file's SHA-256.
    /// Returns the folder.
    /// </summary>
    /// <param name="folder">Where the packet goes; created if missing.</param>
    /// <param name="site">The site the packet is from.</param>
    /// <param name="variants">One entry per document.</param>
    /// <param name="seed">The seed of every value, skew and speck; the same seed writes the same bytes.</param>
    /// <param name="largePageCount">The page count of <see cref="PdfVariant.Large"/> documents.</param>
    public static string WritePacket(string folder, SampleSite site, IReadOnlyList<PdfVariant> variants, int seed, int largePageCount = 300)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentOutOfRangeException.ThrowIfLessThan(largePageCount, 1);
        Directory.CreateDirectory(folder);
        var values = new Random(seed);
        var documents = new List<ManifestDocument>();
        for (var n = 0; n < variants.Count; n++)
        {
            var template = SampleTemplates.All[n % SampleTemplates.All.Count];
            var bytes = PdfDocumentRenderer.Render(variants[n], template, n, site, values, DocumentSeed(seed, n), largePageCount);
            var file = $"{n + 1:D3}-{template.FileStem}.pdf";
            File.WriteAllBytes(Path.Combine(folder, file), bytes);
            documents.Add(new ManifestDocument
            {
                DocumentId = $"{site.SiteId}-DOC-{n + 1:D3}",
                ArtifactType = template.ArtifactType,
                File = file,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            });
        }

        var manifest = new PacketManifest { PacketId = PacketIdFor(site.SiteId, seed), Documents = documents };
        File.WriteAllText(Path.Combine(folder, PacketManifest.FileName), JsonSerializer.Serialize(manifest, Json));
        return folder;
    }

    // A seed of its own per document, so that a scan's skew and specks do not shift the values of later documents.
    private static int DocumentSeed(int seed, int n) => unchecked((seed * 7919) + n);

    private static Guid PacketIdFor(string siteId, int seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"pdf-packet/{siteId}/{seed}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
