using System.Text.Json;
using Ingestion.Contracts;
using Ingestion.Persistence.Content;
using MassTransit;

namespace Ingestion.Site.Submission;

/// <summary>
/// The site side of ingestion: streams each file of a packet folder into the content store once and
/// sends one <see cref="PacketSubmitted"/> to the intake queue, referring to the stored bytes by hash.
/// </summary>
public sealed class PacketSubmitter(ContentStore store, ISendEndpointProvider sender)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Stores and publishes the packet in <paramref name="folder"/>; returns what was published.</summary>
    /// <exception cref="InvalidPacketFolderException">The folder or its manifest cannot be submitted as a packet.</exception>
    public async Task<PacketSubmitted> SubmitAsync(
        string folder, string siteId, string studyId, string submittedBy, Guid? packetId = null, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidPacketFolderException($"Packet folder '{folder}' does not exist.");
        }

        var manifest = await ReadManifestAsync(folder, cancellationToken);
        var documents = new List<SubmittedDocument>();
        foreach (var entry in manifest.Documents)
        {
            var path = Path.GetFullPath(Path.Combine(folder, entry.File));
            if (!File.Exists(path))
            {
                throw new InvalidPacketFolderException($"Document '{entry.DocumentId}': file '{entry.File}' is not in the packet folder.");
            }

            StoredContent stored;
            await using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true))
            {
                stored = await store.StoreAsync(source, cancellationToken);
            }

            documents.Add(new SubmittedDocument
            {
                DocumentId = entry.DocumentId,
                ArtifactType = entry.ArtifactType,
                FileName = Path.GetFileName(entry.File),
                SizeBytes = stored.SizeBytes,
                Sha256 = string.IsNullOrWhiteSpace(entry.Sha256) ? stored.Sha256 : entry.Sha256.Trim().ToLowerInvariant(),
                ContentReference = stored.Reference,
            });
        }

        var packet = new PacketSubmitted
        {
            PacketId = packetId ?? manifest.PacketId ?? Guid.CreateVersion7(),
            SiteId = siteId,
            StudyId = studyId,
            SubmittedAt = DateTime.UtcNow,
            SubmittedBy = submittedBy,
            Documents = documents,
        };
        await sender.Send(packet, cancellationToken);
        return packet;
    }

    private static async Task<PacketManifest> ReadManifestAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, PacketManifest.FileName);
        if (!File.Exists(path))
        {
            // No manifest: every file is a document named after itself, and its stored hash is its declared hash.
            var files = Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                throw new InvalidPacketFolderException($"Packet folder '{folder}' holds no documents.");
            }

            return new PacketManifest
            {
                Documents = files.Select(f => new ManifestDocument { DocumentId = f, ArtifactType = "UNSPECIFIED", File = f }).ToList(),
            };
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var manifest = await JsonSerializer.DeserializeAsync<PacketManifest>(stream, Json, cancellationToken);
            return manifest is { Documents.Count: > 0 }
                ? manifest
                : throw new InvalidPacketFolderException($"{path} lists no documents.");
        }
        catch (JsonException exception)
        {
            throw new InvalidPacketFolderException($"{path} is not a valid packet manifest: {exception.Message}");
        }
    }
}
