using Ingestion.Contracts;

namespace Ingestion.Saga.Review;

/// <summary>What the saga makes of a review decision it was asked to apply: the decision, checked, or why it is refused.</summary>
/// <param name="Approved">Whether the decision approves the document.</param>
/// <param name="Refusal">Why the decision is refused; null when it is applied.</param>
/// <param name="Reason">The audit entry's reason: the reviewer's, with the signature's manifestation.</param>
/// <param name="Fields">The fields as signed (after the corrections), for an approval.</param>
/// <param name="Reviewer">The signer on the audit trail, for an applied decision.</param>
/// <param name="DecidedAt">When the reviewer signed it, for an applied decision: the time of its audit entry.</param>
public sealed record ReviewVerdict(
    bool Approved, string? Refusal, string Reason, IReadOnlyList<ExtractedField> Fields, AuditActor? Reviewer, DateTime? DecidedAt = null)
{
    /// <summary>A refused decision.</summary>
    public static ReviewVerdict Refused(string why) => new(false, why, why, [], null);
}
