using Ingestion.Identity.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Support;

/// <summary>
/// The people of a test fleet, with accounts as an installation gets them: the installer's administrator first, then a
/// reviewer, an operator and an auditor created by that administrator, each of whom changed the initial password.
/// </summary>
internal sealed class People
{
    public const string Password = "Tr4ce-Ledger-Kite";

    public static readonly Person Admin = new("sysadmin", "Sam Adeyemi", AccountRole.Admin);
    public static readonly Person Reviewer = new("jwhitfield", "Dr. Jane Whitfield", AccountRole.Reviewer);
    public static readonly Person SecondReviewer = new("pquist", "Dr. Pieter Quist", AccountRole.Reviewer);
    public static readonly Person Operator = new("mokafor", "Maya Okafor", AccountRole.Operator);
    public static readonly Person Auditor = new("lchen", "Li Chen", AccountRole.Auditor);

    public static async Task<IReadOnlyDictionary<string, Account>> CreateAsync(Fleet fleet, params Person[] people)
    {
        var accounts = fleet.Services.GetRequiredService<UserAccounts>();
        var authenticator = fleet.Services.GetRequiredService<Authenticator>();
        var admin = (await accounts.AddAsync(null, "installer", Admin.UserName, Admin.PrintedName, AccountRole.Admin, Password)).Account
            ?? throw new InvalidOperationException("the first administrator was refused");
        var created = new Dictionary<string, Account> { [Admin.UserName] = admin };
        foreach (var person in people)
        {
            var change = await accounts.AddAsync(admin, "installer", person.UserName, person.PrintedName, person.Role, "Initial-Pass-2026!");
            Assert.That(change.Problems, Is.Empty, $"creating {person.UserName}");
            var changed = await accounts.ChangePasswordAsync(authenticator, person.UserName, "Initial-Pass-2026!", Password);
            Assert.That(changed.Problems, Is.Empty, $"{person.UserName} choosing a password");
            created[person.UserName] = changed.Account!;
        }

        return created;
    }
}

/// <summary>A person of the test fleet.</summary>
internal sealed record Person(string UserName, string PrintedName, AccountRole Role);
