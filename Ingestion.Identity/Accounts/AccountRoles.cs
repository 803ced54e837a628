namespace Ingestion.Identity.Accounts;

/// <summary>The roles' names as commands, the database and the audit trail write them.</summary>
public static class AccountRoles
{
    /// <summary>Every role's name.</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<AccountRole>().Select(Name).ToArray();

    /// <summary>The role's name, e.g. <c>reviewer</c>.</summary>
    public static string Name(AccountRole role) => role.ToString().ToLowerInvariant();

    /// <summary>Reads a role's name, ignoring case.</summary>
    public static bool TryParse(string? text, out AccountRole role)
    {
        foreach (var candidate in Enum.GetValues<AccountRole>())
        {
            if (string.Equals(Name(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    /// <summary>Reads a role's name as stored; throws on a name that is not a role.</summary>
    public static AccountRole Parse(string text) =>
        TryParse(text, out var role) ? role : throw new FormatException($"'{text}' is not a role ({string.Join(", ", Names)}).");
}
