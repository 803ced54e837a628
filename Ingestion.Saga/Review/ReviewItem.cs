using Ingestion.Contracts;

namespace Ingestion.Saga.Review;

/// <summary>A document in manual review, as a reviewer sees it.</summary>
/// <param name="CorrelationId">The document's saga.</param>
/// <param name="SiteId">Its site.</param>
/// <param name="DocumentId">The site's id for it.</param>
/// <param name="FileName">As submitted.</param>
/// <param name="Sha256">Its hash.</param>
/// <param name="ContentReference">Where the untouched original is.</param>
/// <param name="Template">Template and version.</param>
/// <param name="Fields">What extraction found.</param>
/// <param name="MissingFields">Required fields not found.</param>
/// <param name="LowConfidenceFields">Fields below the review threshold.</param>
/// <param name="RequestedAt">When it entered review.</param>
public sealed record ReviewItem(
    Guid CorrelationId, string SiteId, string DocumentId, string FileName, string Sha256, string ContentReference, string Template,
    IReadOnlyList<ExtractedField> Fields, IReadOnlyList<string> MissingFields, IReadOnlyList<string> LowConfidenceFields, DateTime RequestedAt);
