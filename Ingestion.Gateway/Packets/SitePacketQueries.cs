using System.Text.Json.Nodes;
using Ingestion.Audit.Receipts;
using Ingestion.Gateway.Authentication;
using Ingestion.Saga.Packets;
using Ingestion.Site.Records;
using Microsoft.AspNetCore.Http;

namespace Ingestion.Gateway.Packets;

/// <summary>
/// <c>GET /v1/packets/{id}</c> and <c>/receipts</c>: a site sees its own packets only. Another site's packet is answered
/// exactly like a packet that does not exist, so a site learns nothing of another.
/// </summary>
internal sealed class SitePacketQueries(SubmissionRecords records, PacketStatusQueries status, ReceiptFiles receipts)
{
    public async Task<IResult> StatusAsync(HttpContext context, Guid packetId)
    {
        var siteId = SiteContext.SiteOf(context);
        var recorded = await records.FindPacketAsync(packetId, context.RequestAborted);
        if (recorded is null || recorded.SiteId != siteId)
        {
            return GatewayResults.NotFound(packetId);
        }

        var progress = (await status.PacketsAsync([packetId], context.RequestAborted)).SingleOrDefault();
        var documents = await status.DocumentsAsync([packetId], context.RequestAborted);
        return Results.Json(new
        {
            packetId,
            siteId,
            recordedAt = recorded.RecordedAt,
            documentCount = recorded.DocumentCount,
            atIntake = progress is not null,
            final = progress?.FinalCount ?? 0,
            completedAt = progress?.CompletedAt,
            documents = documents.Select(d => new { documentId = d.DocumentId, state = d.State, errorCode = d.ErrorCode }),
        });
    }

    public async Task<IResult> ReceiptsAsync(HttpContext context, Guid packetId)
    {
        var siteId = SiteContext.SiteOf(context);
        var recorded = await records.FindPacketAsync(packetId, context.RequestAborted);
        if (recorded is null || recorded.SiteId != siteId)
        {
            return GatewayResults.NotFound(packetId);
        }

        var documents = await status.DocumentsAsync([packetId], context.RequestAborted);
        var found = new List<object>();
        foreach (var document in documents)
        {
            var path = receipts.PathOf(siteId, packetId, document.DocumentId);
            if (File.Exists(path))
            {
                found.Add(new
                {
                    documentId = document.DocumentId,
                    fileName = ReceiptFiles.FileNameOf(document.DocumentId),
                    receipt = JsonNode.Parse(await File.ReadAllTextAsync(path, context.RequestAborted)),
                });
            }
        }

        return Results.Json(new { packetId, siteId, documentCount = recorded.DocumentCount, complete = found.Count == recorded.DocumentCount, receipts = found });
    }
}
