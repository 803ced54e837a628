using Ingestion.Messaging.Fleet;
using Ingestion.Site.Records;
using Ingestion.Site.Registry;
using Ingestion.Site.Rules;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ingestion.Gateway.Authentication;

/// <summary>
/// Every <c>/v1</c> request must carry <c>Authorization: Bearer &lt;token&gt;</c> with the live token of an enabled site;
/// the site it belongs to is the only site the request can act as. Anything else is answered 401 and recorded as a
/// refusal, with the sender's address.
/// </summary>
internal sealed class SiteAuthenticationMiddleware(
    SiteRegistry registry, SubmissionRefusals refusals, WorkerIdentity worker, ILogger<SiteAuthenticationMiddleware> logger) : IMiddleware
{
    private const string Scheme = "Bearer ";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith(Scheme, StringComparison.Ordinal) ? header[Scheme.Length..].Trim() : null;
        var siteId = await registry.AuthenticateAsync(token, context.RequestAborted);
        if (siteId is null)
        {
            var refusal = new SubmissionRefusal(
                RefusalCodes.Unauthenticated,
                token is null ? "no bearer token" : "the token is not the live token of an enabled site (unknown, rotated, or the site is disabled)");
            var remote = context.Connection.RemoteIpAddress?.ToString();
            await refusals.RecordAsync(
                new RefusedSubmission(RefusedSubmission.AtGateway, RefusedSubmission.Nobody, null, null, refusal, remote), worker.Actor, context.RequestAborted);
            logger.LogWarning("Refused an unauthenticated {Method} {Path} from {Remote}", context.Request.Method, context.Request.Path.Value, remote);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await GatewayResults.Refused(StatusCodes.Status401Unauthorized, refusal).ExecuteAsync(context);
            return;
        }

        SiteContext.Set(context, siteId);
        await next(context);
    }
}
