using Ingestion.Gateway.Authentication;
using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Content;
using Ingestion.Site.Records;
using Ingestion.Site.Rules;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Gateway.Content;

/// <summary>
/// <c>PUT /v1/content</c>: streams the request body into the content store, hashing it in the same pass and cutting it off
/// as soon as it passes the file-size limit, then records that this site uploaded those bytes. Only the site that uploaded
/// content can put it in a packet.
/// </summary>
internal sealed class ContentUploads(
    ContentStore store, SubmissionRecords records, SubmissionRefusals refusals, IOptions<IntakeLimits> limits, WorkerIdentity worker,
    ILogger<ContentUploads> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var siteId = SiteContext.SiteOf(context);
        var max = limits.Value.MaxFileBytes;
        if (context.Request.ContentLength is { } declared && declared > max)
        {
            return await RefuseAsync(context, siteId, declared);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        StoredContent stored;
        try
        {
            await using var body = new LimitedReadStream(context.Request.Body, max);
            stored = await store.StoreAsync(body, context.RequestAborted);
        }
        catch (FileTooLargeException)
        {
            return await RefuseAsync(context, siteId, null);
        }

        await records.RecordContentAsync(siteId, stored, context.RequestAborted);
        logger.LogInformation("Site {SiteId} uploaded {Reference} ({SizeBytes} bytes)", siteId, stored.Reference, stored.SizeBytes);
        return Results.Json(new { reference = stored.Reference, sha256 = stored.Sha256, sizeBytes = stored.SizeBytes }, statusCode: StatusCodes.Status201Created);
    }

    private async Task<IResult> RefuseAsync(HttpContext context, string siteId, long? declared)
    {
        var refusal = new SubmissionRefusal(
            RefusalCodes.FileTooLarge,
            $"{(declared is { } d ? $"{d} bytes" : "the upload passed the limit")}; at most {limits.Value.MaxFileBytes} bytes per file");
        await refusals.RecordAsync(
            new RefusedSubmission(RefusedSubmission.AtGateway, siteId, null, null, refusal, context.Connection.RemoteIpAddress?.ToString()),
            worker.Actor, CancellationToken.None);
        // The rest of an oversized body is not read: the connection is closed after the answer.
        context.Response.Headers.Connection = "close";
        return GatewayResults.Refused(StatusCodes.Status413RequestEntityTooLarge, refusal);
    }
}
