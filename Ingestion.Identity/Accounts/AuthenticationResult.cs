namespace Ingestion.Identity.Accounts;

/// <summary>The result of a password check.</summary>
/// <param name="Outcome">What it came to.</param>
/// <param name="Account">The account, when the password was right.</param>
/// <param name="LockedUntil">Until when the account is locked, when it is.</param>
public sealed record AuthenticationResult(AuthenticationOutcome Outcome, Account? Account = null, DateTime? LockedUntil = null)
{
    /// <summary>Whether the person proved who they are and may act.</summary>
    public bool Succeeded => Outcome == AuthenticationOutcome.Succeeded;

    /// <summary>What to tell the person, without saying whether the user name exists.</summary>
    public string Message => Outcome switch
    {
        AuthenticationOutcome.Succeeded => "Signed in.",
        AuthenticationOutcome.PasswordChangeRequired => "The password must be changed before it is used (it was set by an administrator, or it expired).",
        AuthenticationOutcome.LockedOut =>
            $"The account is locked after repeated failures until {LockedUntil:yyyy-MM-dd HH:mm} UTC; an administrator can reset it sooner.",
        _ => "The user name or the password is wrong.",
    };
}
