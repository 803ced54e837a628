using Ingestion.Identity.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.WebConsole.Security;

/// <summary>
/// Holds every request's cookie to its server-side session: a session that ended (idle or absolute limit, sign-out, an
/// account disabled or its role changed) ends the cookie too, and the sign-in page says why.
/// </summary>
internal static class SessionValidation
{
    private const string EndedKey = "ingestion:session-ended";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var check = principal?.SessionId() is { } sessionId
            ? await context.HttpContext.RequestServices.GetRequiredService<ConsoleSessions>().CheckAsync(sessionId, context.HttpContext.RequestAborted)
            : new SessionCheck(null, SessionEndReasons.Unknown);
        if (check.Account is { } account && principal is not null
            && principal.RoleName() == ConsolePolicies.Role(account.Role) && principal.UserId() == account.UserId)
        {
            return;
        }

        context.HttpContext.Items[EndedKey] = check.EndReason ?? SessionEndReasons.AccountChanged;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    public static Task RedirectToLoginAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var target = context.HttpContext.Items[EndedKey] is string reason
            ? QueryHelpers.AddQueryString(context.RedirectUri, "ended", reason)
            : context.RedirectUri;
        context.Response.Redirect(target);
        return Task.CompletedTask;
    }
}
