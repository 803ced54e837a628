using System.Security.Claims;
using Ingestion.Identity.Accounts;

namespace Ingestion.WebConsole.Security;

/// <summary>What the session cookie says about the person: their account, role, printed name and server-side session.</summary>
internal static class ConsoleClaims
{
    public const string Session = "ingestion:session";
    public const string PrintedName = "ingestion:printed-name";

    public static ClaimsPrincipal Principal(Account account, Guid sessionId, string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.UserId.ToString()),
            new Claim(ClaimTypes.Name, account.UserName),
            new Claim(ClaimTypes.Role, AccountRoles.Name(account.Role)),
            new Claim(PrintedName, account.PrintedName),
            new Claim(Session, sessionId.ToString()),
        ],
        scheme));

    public static Guid? SessionId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(Session), out var id) ? id : null;

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string Printed(this ClaimsPrincipal principal) => principal.FindFirstValue(PrintedName) ?? string.Empty;

    public static string RoleName(this ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.Role) ?? string.Empty;
}
