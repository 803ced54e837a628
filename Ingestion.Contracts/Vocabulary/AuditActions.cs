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
}
