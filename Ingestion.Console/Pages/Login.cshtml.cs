using Ingestion.Identity.Accounts;
using Ingestion.Identity.Sessions;
using Ingestion.WebConsole.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ingestion.WebConsole.Pages;

/// <summary>Sign-in: the password checked (failures audited and counted towards the lockout) and a server-side session opened.</summary>
public sealed class LoginModel(ConsoleSessions sessions) : PageModel
{
    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    public string? UserName { get; private set; }

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl, string? ended, string? changed)
    {
        ReturnUrl = returnUrl;
        Notice = ended switch
        {
            SessionEndReasons.IdleTimeout => "Your session expired after a period without activity. Sign in again.",
            SessionEndReasons.MaxAge => "Your session reached its maximum length. Sign in again.",
            SessionEndReasons.Logout => "You signed out.",
            SessionEndReasons.AccountChanged => "Your session ended because your account changed (role, password or status).",
            null => changed is null ? null : "Password changed. Sign in with the new password.",
            _ => "Your session ended. Sign in again.",
        };
    }

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        UserName = userName;
        ReturnUrl = returnUrl;
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            Error = "Enter your user name and password.";
            return Page();
        }

        var origin = $"console from {HttpContext.Connection.RemoteIpAddress}";
        var (result, sessionId) = await sessions.SignInAsync(userName, password, origin, cancellationToken);
        if (result.Outcome == AuthenticationOutcome.PasswordChangeRequired)
        {
            return Redirect($"/password?required=1&user={Uri.EscapeDataString(result.Account!.UserName)}");
        }

        if (!result.Succeeded || sessionId is null)
        {
            Error = result.Message;
            return Page();
        }

        await HttpContext.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            ConsoleClaims.Principal(result.Account!, sessionId.Value, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        return LocalRedirect(returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
