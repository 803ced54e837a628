namespace Ingestion.Identity.Trail;

/// <summary>The audit trail's actions for what people do with their accounts and signatures.</summary>
public static class IdentityAuditActions
{
    /// <summary>A console sign-in succeeded.</summary>
    public const string Login = "LOGIN";

    /// <summary>A sign-in or a command's password check failed.</summary>
    public const string LoginFailed = "LOGIN_FAILED";

    /// <summary>Repeated failures locked the account.</summary>
    public const string AccountLocked = "ACCOUNT_LOCKED";

    /// <summary>A person signed out.</summary>
    public const string Logout = "LOGOUT";

    /// <summary>A console session ended by its idle or absolute limit.</summary>
    public const string SessionExpired = "SESSION_EXPIRED";

    /// <summary>An account was created.</summary>
    public const string AccountCreated = "ACCOUNT_CREATED";

    /// <summary>An account was disabled.</summary>
    public const string AccountDisabled = "ACCOUNT_DISABLED";

    /// <summary>An account's role changed.</summary>
    public const string RoleChanged = "ROLE_CHANGED";

    /// <summary>An administrator set a new initial password (and lifted any lock).</summary>
    public const string PasswordReset = "PASSWORD_RESET";

    /// <summary>A person changed their own password.</summary>
    public const string PasswordChanged = "PASSWORD_CHANGED";

    /// <summary>An electronic signature: printed name, time, meaning and the hash of the record signed.</summary>
    public const string Signature = "E_SIGNATURE";

    /// <summary>A signature was refused: wrong password, locked account, a role that may not sign it, another person's session.</summary>
    public const string SignatureRefused = "SIGNATURE_REFUSED";

    /// <summary>A reviewer corrected an extracted field.</summary>
    public const string FieldCorrected = "FIELD_CORRECTED";
}
