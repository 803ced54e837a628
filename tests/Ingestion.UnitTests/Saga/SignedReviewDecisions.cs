using Ingestion.Audit.Staging;
using Ingestion.Saga.Documents;
using Ingestion.Saga.Review;
using MassTransit;

namespace Ingestion.UnitTests.Saga;

/// <summary>
/// The review decisions a reviewer signed, as the saga's check finds them in the database: <see cref="OneDocument.ApprovalId"/>
/// and <see cref="OneDocument.RejectionId"/> by <see cref="OneDocument.Reviewer"/>; any other decision is refused.
/// </summary>
internal sealed class SignedReviewDecisions(AuditEntryFactory entries) : IReviewDecisionCheck
{
    public Task<ReviewVerdict> CheckAsync(ConsumeContext context, DocumentIngestionState saga, Guid decisionId)
    {
        if (decisionId != OneDocument.ApprovalId && decisionId != OneDocument.RejectionId)
        {
            return Task.FromResult(ReviewVerdict.Refused($"Review decision {decisionId} does not exist."));
        }

        var approved = decisionId == OneDocument.ApprovalId;
        return Task.FromResult(new ReviewVerdict(
            approved, null, OneDocument.ReasonOf(approved), [.. saga.Fields], entries.Reviewer(OneDocument.Reviewer), OneDocument.DecidedAt));
    }
}
