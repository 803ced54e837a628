using Ingestion.Saga.Documents;
using MassTransit;

namespace Ingestion.Saga.Review;

/// <summary>
/// Checks a review decision the saga is asked to apply (<see cref="Contracts.ApplyReviewDecision"/>) and records what the
/// saga made of it, in the saga step's transaction: <see cref="ReviewDecisionCheck"/> in the fleet.
/// </summary>
public interface IReviewDecisionCheck
{
    /// <summary>Checks decision <paramref name="decisionId"/> for <paramref name="saga"/>; the verdict tells the saga what to do.</summary>
    Task<ReviewVerdict> CheckAsync(ConsumeContext context, DocumentIngestionState saga, Guid decisionId);
}
