using System.Text.RegularExpressions;
using Ingestion.Contracts;
using Ingestion.Site.Folders;
using Ingestion.Site.Rules;
using Ingestion.Site.Submission;

namespace Ingestion.Site.Client;

/// <summary>
/// <c>ingest submit</c>: a site's packet folder to its gateway. The folder is checked first (every file a regular file
/// inside it, no link, no device), then the packet against the gateway's limits and rules, and only then is anything
/// uploaded: each file streamed once, then the manifest with the content references the gateway answered.
/// </summary>
public sealed partial class SiteSubmission(GatewayClient client)
{
    private static readonly string Zeros = new('0', 64);

    /// <summary>Submits the folder; returns the packet as the gateway recorded it.</summary>
    /// <exception cref="InvalidPacketFolderException">The folder or the packet breaks a rule; nothing was uploaded.</exception>
    /// <exception cref="GatewayRefusedException">The gateway refused an upload or the packet.</exception>
    public async Task<SubmittedPacket> SubmitAsync(
        string folder, string studyId, string submittedBy, Guid? packetId, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var contents = await PacketFolder.ReadAsync(folder, cancellationToken);
        var (siteId, limits) = await client.SiteAsync(cancellationToken);
        var id = packetId ?? contents.Manifest.PacketId ?? Guid.CreateVersion7();
        var planned = Plan(contents, siteId, studyId, submittedBy, id);
        if (SubmissionRules.Check(planned, limits) is { } refusal)
        {
            throw new InvalidPacketFolderException($"{refusal.Code}: {refusal.Reason}. Nothing was sent.");
        }

        var documents = new List<SubmittedDocument>();
        for (var i = 0; i < contents.Files.Count; i++)
        {
            var file = contents.Files[i];
            await using var stream = PacketFolder.OpenChecked(file);
            var (reference, sha256, size) = await client.UploadAsync(stream, stream.Length, cancellationToken);
            documents.Add(planned.Documents[i] with
            {
                SizeBytes = size,
                Sha256 = planned.Documents[i].Sha256 == Zeros && string.IsNullOrWhiteSpace(file.Entry.Sha256) ? sha256 : planned.Documents[i].Sha256,
                ContentReference = reference,
            });
            await progress.WriteLineAsync($"  uploaded {PrintableText.Escape(file.Entry.File),-40} {size,12} bytes  {reference[..23]}…");
        }

        var answer = await client.SubmitAsync(
            new { packetId = id, siteId, studyId, submittedBy, documents },
            cancellationToken);
        return new SubmittedPacket(id, siteId, answer["status"]?.GetValue<string>() ?? "accepted", documents);
    }

    // The packet as it will be sent, with placeholders where only the gateway can answer: checked before any upload.
    private static PacketSubmitted Plan(PacketFolderContents contents, string siteId, string studyId, string submittedBy, Guid packetId) => new()
    {
        PacketId = packetId,
        SiteId = siteId,
        StudyId = studyId,
        SubmittedAt = DateTime.UtcNow,
        SubmittedBy = submittedBy,
        Documents = contents.Files.Select(f => new SubmittedDocument
        {
            DocumentId = f.Entry.DocumentId,
            ArtifactType = f.Entry.ArtifactType,
            FileName = Path.GetFileName(f.Entry.File),
            SizeBytes = new FileInfo(f.FullPath).Length,
            Sha256 = f.Entry.Sha256 is { } declared ? Normalize(declared) : Zeros,
            ContentReference = SubmissionRules.ReferenceOf(Zeros),
        }).ToList(),
    };

    private static string Normalize(string declared)
    {
        var trimmed = declared.Trim();
        return HexPattern().IsMatch(trimmed) ? trimmed.ToLowerInvariant() : declared;
    }

    [GeneratedRegex("^[0-9A-Fa-f]{64}$")]
    private static partial Regex HexPattern();
}
