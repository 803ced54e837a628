using Ingestion.Gateway.Authentication;
using Ingestion.Site.Rules;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Ingestion.Gateway;

/// <summary><c>GET /v1/site</c>: who the credential says the caller is, and the limits its packets must keep.</summary>
internal static class SiteEndpoints
{
    public static IResult Describe(HttpContext context, IOptions<IntakeLimits> limits) =>
        Results.Json(new { siteId = SiteContext.SiteOf(context), limits = limits.Value });
}
