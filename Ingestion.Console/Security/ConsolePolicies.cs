using Ingestion.Identity.Accounts;

namespace Ingestion.WebConsole.Security;

/// <summary>The console's authorization policies, one per kind of page.</summary>
internal static class ConsolePolicies
{
    /// <summary>The review queue and its decisions: reviewers.</summary>
    public const string Review = "review";

    /// <summary>The fleet page: operators, auditors and administrators (an operator's release is checked in the handler).</summary>
    public const string Fleet = "fleet";

    /// <summary>The audit page: auditors and administrators, read-only.</summary>
    public const string Audit = "audit";

    /// <summary>Anyone signed in (documents and their timelines).</summary>
    public const string SignedIn = "signed-in";

    public static string Role(AccountRole role) => AccountRoles.Name(role);
}
