using Microsoft.AspNetCore.Http;

namespace Ingestion.Gateway.Authentication;

/// <summary>The authenticated site of a request: set by <see cref="SiteAuthenticationMiddleware"/>, the only source of a site id.</summary>
internal static class SiteContext
{
    private const string Key = "ingestion.site";

    public static void Set(HttpContext context, string siteId) => context.Items[Key] = siteId;

    public static string SiteOf(HttpContext context) =>
        context.Items[Key] as string ?? throw new InvalidOperationException("The request reached an endpoint without an authenticated site.");
}
