using Ingestion.Contracts;
using Ingestion.Persistence.Content;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using Ingestion.Site.Folders;
using Ingestion.Site.Records;
using Ingestion.Site.Rules;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Ingestion.Site.Submission;

/// <summary>
/// The fleet's own, trusted way to submit a packet folder, for replay, qualification and the tests: it needs the
/// database, the content store and the broker, so no site has what it takes to use it. Sites submit through the gateway
/// (<c>ingest submit</c>). It records what it stores and the packet exactly as the gateway does, under the same rules, so
/// intake treats both alike.
/// </summary>
public sealed class PacketSubmitter(
    ContentStore store, IngestionDatabase database, ISendEndpointProvider sender, IOptions<IntakeLimits> limits)
{
    /// <summary>Stores and sends the packet in <paramref name="folder"/> for <paramref name="siteId"/>; returns what was sent.</summary>
    /// <exception cref="InvalidPacketFolderException">The folder cannot be submitted, or the packet breaks a rule or reuses a packet id.</exception>
    public async Task<PacketSubmitted> SubmitAsync(
        string folder, string siteId, string studyId, string submittedBy, Guid? packetId = null, CancellationToken cancellationToken = default)
    {
        var contents = await PacketFolder.ReadAsync(folder, cancellationToken);
        var documents = new List<SubmittedDocument>();
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            foreach (var file in contents.Files)
            {
                StoredContent stored;
                await using (var source = PacketFolder.OpenChecked(file))
                {
                    stored = await store.StoreAsync(source, cancellationToken);
                }

                await SubmissionRecords.RecordContentAsync(connection, null, siteId, stored, cancellationToken);
                var entry = file.Entry;
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
        }

        var packet = new PacketSubmitted
        {
            PacketId = packetId ?? contents.Manifest.PacketId ?? Guid.CreateVersion7(),
            SiteId = siteId,
            StudyId = studyId,
            SubmittedAt = DateTime.UtcNow,
            SubmittedBy = submittedBy,
            Documents = documents,
        };
        if (SubmissionRules.Check(packet, limits.Value) is { } refusal)
        {
            throw new InvalidPacketFolderException($"{refusal.Code}: {refusal.Reason}.");
        }

        await RecordAsync(packet, cancellationToken);
        await sender.Send(packet, cancellationToken);
        return packet;
    }

    private async Task RecordAsync(PacketSubmitted packet, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var recording = await SubmissionRecords.RecordPacketAsync(
            new OpenTransaction(connection, transaction), packet, "internal", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        switch (recording)
        {
            case PacketRecording.TakenByAnotherSite:
                throw new InvalidPacketFolderException($"{RefusalCodes.PacketIdTaken}: packet id {packet.PacketId} belongs to another site.");
            case PacketRecording.Changed:
                throw new InvalidPacketFolderException(
                    $"{RefusalCodes.PacketChanged}: packet {packet.PacketId} was submitted before with other documents or content.");
        }
    }
}
