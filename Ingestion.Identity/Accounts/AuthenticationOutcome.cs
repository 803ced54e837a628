namespace Ingestion.Identity.Accounts;

/// <summary>What a password check came to.</summary>
public enum AuthenticationOutcome
{
    /// <summary>The password is right and the account may be used.</summary>
    Succeeded,

    /// <summary>The password is right, but it was set by an administrator or has expired and must be changed first.</summary>
    PasswordChangeRequired,

    /// <summary>The user name or the password is wrong, or the account is disabled (told apart only on the audit trail).</summary>
    WrongCredentials,

    /// <summary>The account is locked after repeated failures.</summary>
    LockedOut,
}
