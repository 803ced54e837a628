using Ingestion.Identity.Sessions;
using Ingestion.WebConsole.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ingestion.WebConsole.Pages;

/// <summary>Sign-out: the server-side session ends (audited) and the cookie with it.</summary>
public sealed class LogoutModel(ConsoleSessions sessions) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.SessionId() is { } sessionId)
        {
            await sessions.SignOutAsync(sessionId, cancellationToken);
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect($"/login?ended={SessionEndReasons.Logout}");
    }
}
