using System.Text.Json;
using Ingestion.Contracts;
using Ingestion.Gateway.Authentication;
using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Outbox;
using Ingestion.Site.Records;
using Ingestion.Site.Rules;
using MassTransit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Gateway.Packets;

/// <summary>
/// <c>POST /v1/packets</c>: checks a site's manifest against every rule and limit, takes the site from the credential,
/// checks that each document refers to content this site uploaded with the size it declares, records the packet for the
/// site and sends <see cref="PacketSubmitted"/> to intake in the same transaction (through the outbox). A packet id belongs
/// to the first site that records it; this site sending the same packet again changes nothing, and sending it changed is
/// refused. Every refusal is recorded with the authenticated site.
/// </summary>
internal sealed class PacketAcceptance(
    BusOutbox outbox, SubmissionRecords records, SubmissionRefusals refusals, IOptions<IntakeLimits> limits, WorkerIdentity worker,
    ILogger<PacketAcceptance> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var siteId = SiteContext.SiteOf(context);
        var request = await ReadAsync(context);
        if (request.Refusal is { } unreadable)
        {
            return await RefuseAsync(context, siteId, null, null, unreadable, StatusCodes.Status400BadRequest);
        }

        var manifest = request.Manifest!;
        if (manifest.SiteId is { } named && !string.Equals(named, siteId, StringComparison.Ordinal))
        {
            return await RefuseAsync(context, siteId, named, manifest.PacketId, new SubmissionRefusal(
                RefusalCodes.SiteMismatch, $"the manifest names site '{PrintableText.Escape(named)}', but the credential is site {siteId}'s"),
                StatusCodes.Status403Forbidden);
        }

        var packet = PacketOf(siteId, manifest);
        if (SubmissionRules.Check(packet, limits.Value) is { } broken)
        {
            var status = broken.Code == RefusalCodes.FileTooLarge ? StatusCodes.Status413RequestEntityTooLarge : StatusCodes.Status422UnprocessableEntity;
            return await RefuseAsync(context, siteId, manifest.SiteId, manifest.PacketId, broken, status);
        }

        if (await CheckContentAsync(siteId, packet, context.RequestAborted) is { } notOwned)
        {
            return await RefuseAsync(context, siteId, manifest.SiteId, packet.PacketId, notOwned, StatusCodes.Status403Forbidden);
        }

        PacketRecording recording;
        await using (var transaction = await outbox.BeginAsync(context.RequestAborted))
        {
            recording = await SubmissionRecords.RecordPacketAsync(transaction, packet, $"gateway:{worker.Actor.WorkerId}", context.RequestAborted);
            if (recording == PacketRecording.Recorded)
            {
                await transaction.SendEndpointProvider.Send(packet, context.RequestAborted);
                await transaction.CommitAsync(context.RequestAborted);
            }
        }

        switch (recording)
        {
            case PacketRecording.Recorded:
                logger.LogInformation("Site {SiteId} submitted packet {PacketId} with {DocumentCount} documents", siteId, packet.PacketId, packet.Documents.Count);
                return Results.Json(Accepted(packet, "accepted"), statusCode: StatusCodes.Status202Accepted);
            case PacketRecording.AlreadyRecorded:
                return Results.Json(Accepted(packet, "already-recorded"));
            case PacketRecording.Changed:
                return await RefuseAsync(context, siteId, manifest.SiteId, packet.PacketId, new SubmissionRefusal(
                    RefusalCodes.PacketChanged,
                    $"packet {packet.PacketId} was submitted before with other documents, hashes or content; a changed document needs a new packet id"),
                    StatusCodes.Status409Conflict);
            default:
                return await RefuseAsync(context, siteId, manifest.SiteId, packet.PacketId, new SubmissionRefusal(
                    RefusalCodes.PacketIdTaken, $"packet id {packet.PacketId} is already used by another site; choose a new packet id"),
                    StatusCodes.Status409Conflict);
        }
    }

    private static object Accepted(PacketSubmitted packet, string status) =>
        new { packetId = packet.PacketId, siteId = packet.SiteId, documents = packet.Documents.Count, status };

    // Sha256 is compared in lower case; anything that is not 64 hex digits stays as sent, and the rules refuse it.
    private static PacketSubmitted PacketOf(string siteId, PacketRequest manifest) => new()
    {
        PacketId = manifest.PacketId,
        SiteId = siteId,
        StudyId = manifest.StudyId ?? string.Empty,
        SubmittedAt = DateTime.UtcNow,
        SubmittedBy = manifest.SubmittedBy ?? siteId,
        Documents = (manifest.Documents ?? []).Select(d => new SubmittedDocument
        {
            DocumentId = d?.DocumentId ?? string.Empty,
            ArtifactType = d?.ArtifactType ?? ArtifactTypes.Unspecified,
            FileName = d?.FileName ?? string.Empty,
            SizeBytes = d?.SizeBytes ?? -1,
            Sha256 = d?.Sha256 is { Length: 64 } hash && hash.All(char.IsAsciiHexDigit) ? hash.ToLowerInvariant() : d?.Sha256 ?? string.Empty,
            ContentReference = d?.ContentReference ?? string.Empty,
        }).ToList(),
    };

    private async Task<SubmissionRefusal?> CheckContentAsync(string siteId, PacketSubmitted packet, CancellationToken cancellationToken)
    {
        var hashes = packet.Documents.Select(d => d.ContentReference["sha256:".Length..]).Distinct(StringComparer.Ordinal).ToList();
        var owned = await records.OwnedContentAsync(siteId, hashes, cancellationToken);
        foreach (var document in packet.Documents)
        {
            if (!owned.TryGetValue(document.ContentReference["sha256:".Length..], out var size))
            {
                return new SubmissionRefusal(RefusalCodes.ContentNotOwned,
                    $"document '{PrintableText.Escape(document.DocumentId)}' refers to {document.ContentReference}, which this site did not upload");
            }

            if (size != document.SizeBytes)
            {
                return new SubmissionRefusal(RefusalCodes.SizeMismatch,
                    $"document '{PrintableText.Escape(document.DocumentId)}' declares {document.SizeBytes} bytes; its content has {size}");
            }
        }

        return null;
    }

    private async Task<(PacketRequest? Manifest, SubmissionRefusal? Refusal)> ReadAsync(HttpContext context)
    {
        var max = limits.Value.MaxManifestBytes;
        if (context.Request.ContentLength > max)
        {
            return (null, new SubmissionRefusal(RefusalCodes.InvalidManifest, $"the manifest has {context.Request.ContentLength} bytes; at most {max}"));
        }

        try
        {
            await using var body = new Content.LimitedReadStream(context.Request.Body, max);
            var manifest = await JsonSerializer.DeserializeAsync<PacketRequest>(body, Json, context.RequestAborted);
            return manifest is null ? (null, new SubmissionRefusal(RefusalCodes.InvalidManifest, "the body is not a packet manifest")) : (manifest, null);
        }
        catch (Content.FileTooLargeException)
        {
            return (null, new SubmissionRefusal(RefusalCodes.InvalidManifest, $"the manifest is longer than {max} bytes"));
        }
        catch (JsonException exception)
        {
            return (null, new SubmissionRefusal(RefusalCodes.InvalidManifest, $"the body is not a packet manifest: {exception.Message}"));
        }
    }

    private async Task<IResult> RefuseAsync(
        HttpContext context, string siteId, string? claimedSite, Guid? packetId, SubmissionRefusal refusal, int status)
    {
        await refusals.RecordAsync(
            new RefusedSubmission(RefusedSubmission.AtGateway, siteId, claimedSite, packetId is { } p && p != Guid.Empty ? p : null, refusal,
                context.Connection.RemoteIpAddress?.ToString()),
            worker.Actor, CancellationToken.None);
        logger.LogWarning("Refused a packet of site {SiteId} ({Code}): {Reason}", siteId, refusal.Code, refusal.Reason);
        return GatewayResults.Refused(status, refusal);
    }
}
