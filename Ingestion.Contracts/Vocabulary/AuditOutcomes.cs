namespace Ingestion.Contracts;

/// <summary>
/// What came of an audited step, besides reaching a state (whose <see cref="DocumentState.Display"/> is then the outcome):
/// the values of an audit entry's <c>outcome</c>. Never respelled.
/// </summary>
public static class AuditOutcomes
{
    /// <summary>A stage was handed the document.</summary>
    public const string Started = "STARTED";

    /// <summary>The validation gate passed the document.</summary>
    public const string Passed = "PASSED";

    /// <summary>A reviewer approved the document.</summary>
    public const string Approved = "APPROVED";

    /// <summary>The saga refused a review decision (the document stays in review; why is in the reason).</summary>
    public const string Refused = "REFUSED";

    /// <summary>An attempt failed transiently and is retried.</summary>
    public const string Retry = "RETRY";

    /// <summary>An attempt failed transiently and the retry budget is spent.</summary>
    public const string Failed = "FAILED";
}
