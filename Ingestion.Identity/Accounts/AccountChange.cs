namespace Ingestion.Identity.Accounts;

/// <summary>What came of an account change: the account as it now stands, or why the change was refused.</summary>
/// <param name="Account">The account after the change; null when refused.</param>
/// <param name="Problems">Why it was refused; empty when done.</param>
public sealed record AccountChange(Account? Account, IReadOnlyList<string> Problems)
{
    /// <summary>Whether the change was made.</summary>
    public bool Done => Account is not null;

    /// <summary>A refused change.</summary>
    public static AccountChange Refused(params string[] problems) => new(null, problems);
}
