namespace Ingestion.Identity.Signatures;

/// <summary>Why a signature was not made.</summary>
public enum SignatureRefusal
{
    /// <summary>The user name or the password is wrong, or the account is disabled (audited).</summary>
    WrongCredentials,

    /// <summary>The account is locked after repeated failures (audited).</summary>
    LockedOut,

    /// <summary>The password must be changed first.</summary>
    PasswordChangeRequired,

    /// <summary>The signer's role may not sign this meaning (audited).</summary>
    NotPermitted,

    /// <summary>The credentials are another person's than the one signed in to the session (audited).</summary>
    NotTheSignedInPerson,

    /// <summary>The record changed since the person saw it; they must look again.</summary>
    RecordChanged,

    /// <summary>The record is not in a state this signature applies to (no longer in review, no hold active, a decision pending).</summary>
    NotApplicable,
}
