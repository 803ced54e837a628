namespace Ingestion.Contracts;

/// <summary>
/// Why a document was rejected, or why a step failed: the values of <see cref="DocumentValidationFailed.ErrorCode"/>,
/// <see cref="DocumentFinalized.ErrorCode"/>, the saga's error code and the audit ledger's <c>error_code</c>.
/// Persisted and published: a code's spelling never changes.
/// </summary>
public static class ErrorCodes
{
    /// <summary>Validation: the stored bytes do not hash to the SHA-256 the site declared.</summary>
    public const string HashMismatch = "HASH_MISMATCH";

    /// <summary>Validation: the template version is deprecated or retired in the registry (v1.x); the reason names which.</summary>
    public const string SchemaDeprecated = "SCHEMA_DEPRECATED";

    /// <summary>Validation: the template, or that version of it, is not in the registry.</summary>
    public const string SchemaUnknown = "SCHEMA_UNKNOWN";

    /// <summary>Validation: a text document without its declaration line, a truncated PDF (no <c>%%EOF</c>), or a PDF that cannot be parsed.</summary>
    public const string Malformed = "MALFORMED";

    /// <summary>
    /// Parse: a readable PDF of a templated artifact (Form FDA 1572, financial disclosure, delegation log) that declares no
    /// template; its artifact profile sends it to manual review or rejects it.
    /// </summary>
    public const string TemplateUndeclared = "TEMPLATE_UNDECLARED";

    /// <summary>Validation: the PDF needs a user password to open (a PDF with an owner password only is read, its restrictions noted).</summary>
    public const string Encrypted = "ENCRYPTED";

    /// <summary>Validation: the file does not start with <c>%PDF-</c> (nor with a text declaration line), whatever its name.</summary>
    public const string NotPdf = "NOT_PDF";

    /// <summary>Validation: the file has no bytes.</summary>
    public const string Empty = "EMPTY";

    /// <summary>Validation: nothing is stored under the document's content reference.</summary>
    public const string ContentMissing = "CONTENT_MISSING";

    /// <summary>
    /// Reading: the contained reader died reading the document (a stack overflow, a signal), or the worker reading it
    /// stopped without an answer more often than <c>Ingestion:Reader:MaxAttempts</c> allows.
    /// </summary>
    public const string ParserCrash = "PARSER_CRASH";

    /// <summary>
    /// Reading: reading the document passed one of the limits of <c>Ingestion:Reader</c>; the reason starts with which,
    /// for example <c>memory 512 MiB</c>, <c>time 60 s</c>, <c>cpu 30 s</c>, <c>output 8 MiB</c>, <c>decoded stream 64 MiB</c>.
    /// </summary>
    public const string ResourceLimit = "RESOURCE_LIMIT";

    /// <summary>Reading: the document needs a filter or feature the reader does not implement; the reason starts with which, for example <c>JBIG2Decode</c>.</summary>
    public const string UnsupportedFeature = "UNSUPPORTED_FEATURE";

    /// <summary>Saga: the validation stage faulted after its retries.</summary>
    public const string ValidationFailure = "VALIDATION_FAILURE";

    /// <summary>Saga: the parse stage's retry budget ran out, or it failed permanently; the message is in <c>parse-document_error</c>.</summary>
    public const string ParserFailure = "PARSER_FAILURE";

    /// <summary>Saga: the archive stage's retry budget ran out.</summary>
    public const string ArchiveFailure = "ARCHIVE_FAILURE";

    /// <summary>Review: a reviewer rejected the document (name and reason on the audit trail).</summary>
    public const string ReviewRejected = "REVIEW_REJECTED";

    /// <summary>Audit only: the saga refused a review decision (unsigned, used, for another version); the document stays in review.</summary>
    public const string ReviewDecisionRefused = "REVIEW_DECISION_REFUSED";

    /// <summary>Audit only: a parse attempt failed transiently and was (or, past the budget, was not) retried.</summary>
    public const string TransientFault = "TRANSIENT_FAULT";

    /// <summary>Audit only: an operator's dead-letter replay or purge was interrupted part-way.</summary>
    public const string Interrupted = "INTERRUPTED";

    /// <summary>The codes of documents rejected because a stage faulted past its retries (the dead-letter rate of a compliance hold).</summary>
    public static IReadOnlyList<string> StageFailures { get; } = [ParserFailure, ArchiveFailure, ValidationFailure];
}
