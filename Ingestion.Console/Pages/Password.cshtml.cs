using Ingestion.Identity.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Ingestion.WebConsole.Pages;

/// <summary>A person changes their own password, proving the current one (audited), before first use or when it expired.</summary>
public sealed class PasswordModel(UserAccounts accounts, Authenticator authenticator, IOptions<AccountOptions> options) : PageModel
{
    public bool Required { get; private set; }

    public string? UserName { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public int MinLength => options.Value.MinPasswordLength;

    public int MinClasses => options.Value.MinCharacterClasses;

    public void OnGet(string? user, string? required)
    {
        UserName = user;
        Required = required is not null;
    }

    public async Task<IActionResult> OnPostAsync(string? userName, string? current, string? next, string? repeat, CancellationToken cancellationToken)
    {
        UserName = userName;
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(current) || string.IsNullOrEmpty(next))
        {
            Problems = ["Enter your user name, your current password and a new one."];
            return Page();
        }

        if (next != repeat)
        {
            Problems = ["The two entries of the new password differ."];
            return Page();
        }

        var change = await accounts.ChangePasswordAsync(authenticator, userName, current, next, cancellationToken);
        if (!change.Done)
        {
            Problems = change.Problems;
            return Page();
        }

        return Redirect("/login?changed=1");
    }
}
