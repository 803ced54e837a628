namespace Ingestion.Saga.Review;

/// <summary>A reviewer's signed correction of one extracted field of a document in manual review.</summary>
/// <param name="CorrectionId">The correction's id.</param>
/// <param name="CorrelationId">The document's saga.</param>
/// <param name="FieldName">The field corrected.</param>
/// <param name="OldValue">Its value before; null when extraction had not found it.</param>
/// <param name="NewValue">Its value after.</param>
/// <param name="Reason">Why, in the reviewer's words.</param>
/// <param name="SignatureId">The reviewer's electronic signature of the correction.</param>
/// <param name="CorrectedBy">The reviewer's user name.</param>
/// <param name="PrintedName">The reviewer's printed name.</param>
/// <param name="CorrectedAt">When (UTC).</param>
public sealed record FieldCorrection(
    Guid CorrectionId,
    Guid CorrelationId,
    string FieldName,
    string? OldValue,
    string NewValue,
    string Reason,
    Guid SignatureId,
    string CorrectedBy,
    string PrintedName,
    DateTime CorrectedAt)
{
    /// <summary>The tier of a field whose value a reviewer entered.</summary>
    public const string ReviewerTier = "REVIEWER";
}
