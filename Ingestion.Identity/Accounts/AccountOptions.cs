namespace Ingestion.Identity.Accounts;

/// <summary>The password policy, lockout and session limits: bound from <c>Ingestion:Accounts</c>.</summary>
public sealed class AccountOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Accounts";

    /// <summary>The shortest password accepted.</summary>
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>How many of lower-case letters, upper-case letters, digits and other characters a password must mix.</summary>
    public int MinCharacterClasses { get; set; } = 3;

    /// <summary>How many earlier passwords a new one must differ from.</summary>
    public int PasswordHistory { get; set; } = 5;

    /// <summary>Days after which a password must be changed before it is used again; 0 never.</summary>
    public int PasswordMaxAgeDays { get; set; } = 90;

    /// <summary>Consecutive failed password checks (sign-in or signature) that lock the account.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a lock lasts; an administrator's reset lifts it sooner.</summary>
    public double LockoutMinutes { get; set; } = 30;

    /// <summary>PBKDF2-HMAC-SHA512 iterations of a stored password (OWASP's 2023 figure); a stored hash with fewer is re-hashed at its next use.</summary>
    public int HashIterations { get; set; } = 210_000;

    /// <summary>A console session ends after this long without a request.</summary>
    public double SessionIdleMinutes { get; set; } = 15;

    /// <summary>A console session ends this long after sign-in, however active.</summary>
    public double SessionMaxHours { get; set; } = 8;
}
