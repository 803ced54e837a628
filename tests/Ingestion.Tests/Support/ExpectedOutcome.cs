namespace Ingestion.Tests.Support;

/// <summary>
/// One document's way through the saga and how many audit entries it leaves on the ledger: one per transition the
/// saga records (<c>TransitionAudit</c>), plus one per failed parse attempt (the parse stage audits each).
/// </summary>
/// <param name="Path">The way, as a reader would say it.</param>
/// <param name="Entries">The audit entries it writes.</param>
internal sealed record ExpectedOutcome(string Path, int Entries)
{
    // Every document that passes the gate: INGEST (→ RECEIVED), VALIDATE STARTED (→ VALIDATING), VALIDATE PASSED (→ PARSING).
    private const int ThroughTheGate = 3;

    /// <summary>INGEST, VALIDATE STARTED, VALIDATE PASSED, PARSE (→ PARSED), ARCHIVE (→ ARCHIVED).</summary>
    public static readonly ExpectedOutcome Archived = new("archived", ThroughTheGate + 2);

    /// <summary>Refused at the gate (schema, format, hash): INGEST, VALIDATE STARTED, REJECT (VALIDATING → REJECTED).</summary>
    public static readonly ExpectedOutcome RejectedAtTheGate = new("rejected at the validation gate", 3);

    /// <summary>Fields missing or uncertain: INGEST, VALIDATE STARTED, VALIDATE PASSED, PARSE (→ MANUAL_REVIEW).</summary>
    public static readonly ExpectedOutcome InManualReview = new("waiting in manual review", ThroughTheGate + 1);

    /// <summary>Approved by a reviewer: the four of manual review, REVIEW APPROVED (→ PARSED), ARCHIVE.</summary>
    public static readonly ExpectedOutcome ApprovedInReview = new("approved in review and archived", InManualReview.Entries + 2);

    /// <summary>Rejected by a reviewer: the four of manual review, REVIEW (→ REJECTED).</summary>
    public static readonly ExpectedOutcome RejectedInReview = new("rejected in review", InManualReview.Entries + 1);

    /// <summary>Archived after <paramref name="failedAttempts"/> transient parse failures: each a PARSE RETRY entry, on top of <see cref="Archived"/>.</summary>
    public static ExpectedOutcome ArchivedAfterFailedParses(int failedAttempts) =>
        new($"archived after {failedAttempts} failed parse attempts", Archived.Entries + failedAttempts);

    /// <summary>
    /// Rejected with <c>PARSER_FAILURE</c> after <paramref name="attempts"/> failed parse attempts (the retry budget plus one):
    /// through the gate, a PARSE entry per attempt (RETRY, the last FAILED), then REJECT (PARSING → REJECTED).
    /// </summary>
    public static ExpectedOutcome RejectedAfterParseAttempts(int attempts) =>
        new($"rejected after {attempts} parse attempts", ThroughTheGate + attempts + 1);

    /// <inheritdoc />
    public override string ToString() => $"{Path} ({Entries} entries)";
}
