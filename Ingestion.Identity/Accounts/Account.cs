namespace Ingestion.Identity.Accounts;

/// <summary>A person's account. Accounts are never deleted and their user names never reused; they are only disabled.</summary>
/// <param name="UserId">The account's id, assigned once.</param>
/// <param name="UserName">The name the person signs in with, lower-case, unique for ever.</param>
/// <param name="PrintedName">The person's full name, printed with every signature (21 CFR 11.50).</param>
/// <param name="Role">What the person may do.</param>
/// <param name="CreatedAt">When the account was created (UTC).</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="DisabledAt">When it was disabled, if it was.</param>
/// <param name="FailedAttempts">Consecutive failed password checks since the last success.</param>
/// <param name="LockedUntil">Until when it is locked after repeated failures, if it is.</param>
/// <param name="PasswordChangedAt">When its password was last set (UTC).</param>
/// <param name="MustChangePassword">Whether the password was set by an administrator and must be changed before use.</param>
public sealed record Account(
    Guid UserId,
    string UserName,
    string PrintedName,
    AccountRole Role,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime? DisabledAt,
    int FailedAttempts,
    DateTime? LockedUntil,
    DateTime PasswordChangedAt,
    bool MustChangePassword)
{
    /// <summary>Whether the account has been disabled.</summary>
    public bool IsDisabled => DisabledAt is not null;

    /// <summary>How the account acts on the audit trail, e.g. <c>reviewer:jwhitfield</c>.</summary>
    public string Actor => $"{AccountRoles.Name(Role)}:{UserName}";

    /// <summary>Whether the account is locked at <paramref name="now"/>.</summary>
    public bool IsLockedAt(DateTime now) => LockedUntil is { } until && until > now;
}
