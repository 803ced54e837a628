namespace Ingestion.Contracts;

/// <summary>What an audit ledger entry records: the values of its <c>action</c>, in exports and receipts. Never respelled.</summary>
public static class AuditActions
{
    /// <summary>A document entered ingestion (to <c>RECEIVED</c>).</summary>
    public const string Ingest = "INGEST";

    /// <summary>A document was handed to the validation gate, or passed it.</summary>
    public const string Validate = "VALIDATE";

    /// <summary>A parse attempt: fields extracted, sent to manual review, or a transient failure retried.</summary>
    public const string Parse = "PARSE";

    /// <summary>A document was rejected by the gate or because a stage faulted past its retries.</summary>
    public const string Reject = "REJECT";

    /// <summary>A document was archived.</summary>
    public const string Archive = "ARCHIVE";

    /// <summary>A reviewer approved or rejected a document in manual review.</summary>
    public const string Review = "REVIEW";

    /// <summary>An endpoint's circuit breaker opened.</summary>
    public const string CircuitOpened = "CIRCUIT_OPENED";

    /// <summary>An endpoint's circuit breaker closed again (half-open, taking messages).</summary>
    public const string CircuitClosed = "CIRCUIT_CLOSED";

    /// <summary>A worker placed a compliance hold.</summary>
    public const string HoldPlaced = "HOLD_PLACED";

    /// <summary>An operator released the compliance hold.</summary>
    public const string HoldReleased = "HOLD_RELEASED";

    /// <summary>An operator replayed dead letters to their input queue.</summary>
    public const string DeadLetterReplay = "DLQ_REPLAY";

    /// <summary>An operator purged dead letters.</summary>
    public const string DeadLetterPurge = "DLQ_PURGE";

    /// <summary>An operator added a site with its first credential.</summary>
    public const string SiteAdded = "SITE_ADDED";

    /// <summary>An operator replaced a site's credential by a new one.</summary>
    public const string SiteCredentialRotated = "SITE_CREDENTIAL_ROTATED";

    /// <summary>An operator disabled a site for good.</summary>
    public const string SiteDisabled = "SITE_DISABLED";

    /// <summary>The gateway or intake refused a credential, upload, packet or packet message.</summary>
    public const string SubmissionRefused = "SUBMISSION_REFUSED";

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
