using System.Text.Json;
using Ingestion.Qualification.Isolation;
using Ingestion.Samples.Replay;
using Ingestion.Site.Submission;

namespace Ingestion.Qualification.Replay;

/// <summary>A dataset folder checked against its checksums: the packet folders to submit and how many documents they hold.</summary>
/// <param name="Root">The folder.</param>
/// <param name="Identity">SHA-256 of its <c>SHA256SUMS</c>.</param>
/// <param name="Packets">One folder per site, in ordinal order.</param>
/// <param name="Documents">The documents of all packets.</param>
public sealed record ReplayDatasetFolder(string Root, string Identity, IReadOnlyList<string> Packets, int Documents)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Opens <paramref name="root"/>: its files must match its own <c>SHA256SUMS</c> and, when given,
    /// <paramref name="expectedChecksums"/> (the committed manifest).
    /// </summary>
    /// <exception cref="ValidationRunException">The folder is missing, has no checksums, or does not match them.</exception>
    public static ReplayDatasetFolder Open(string root, string? expectedChecksums = null)
    {
        if (!Directory.Exists(root))
        {
            throw new ValidationRunException($"Dataset folder {root} does not exist; write one with: ingest samples --dataset {root} --seed {ReplayDataset.DefaultSeed}");
        }

        var checksumsPath = Path.Combine(root, DatasetChecksums.FileName);
        if (!File.Exists(checksumsPath))
        {
            throw new ValidationRunException($"{root} has no {DatasetChecksums.FileName}; it is not a dataset written by ingest samples --dataset.");
        }

        var checksums = File.ReadAllText(checksumsPath);
        if (DatasetChecksums.Difference(root, checksums) is { } changed)
        {
            throw new ValidationRunException($"Dataset {root} no longer matches its {DatasetChecksums.FileName}: {changed}.");
        }

        if (expectedChecksums is not null && DatasetChecksums.Difference(root, expectedChecksums) is { } other)
        {
            throw new ValidationRunException($"Dataset {root} is not the expected dataset: {other}.");
        }

        var packets = Directory.EnumerateDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, PacketManifest.FileName)))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (packets.Count == 0)
        {
            throw new ValidationRunException($"Dataset {root} holds no packet folders (a folder with a {PacketManifest.FileName}).");
        }

        var documents = packets.Sum(p =>
            JsonSerializer.Deserialize<PacketManifest>(File.ReadAllText(Path.Combine(p, PacketManifest.FileName)), Json)?.Documents.Count ?? 0);
        return new ReplayDatasetFolder(root, DatasetChecksums.Identity(checksums), packets, documents);
    }
}
