namespace Ingestion.Saga.Review;

/// <summary>A reviewer's signed decision on a document in manual review, as recorded for the saga.</summary>
/// <param name="DecisionId">The decision's id, the only thing the message to the saga carries.</param>
/// <param name="CorrelationId">The document's saga.</param>
/// <param name="Approved">Approve (archive with the fields as signed) or reject.</param>
/// <param name="Reason">The reviewer's reason.</param>
/// <param name="RecordHash">The SHA-256 of the record version signed (<see cref="ReviewRecord.Hash"/>).</param>
/// <param name="SignatureId">The reviewer's electronic signature.</param>
/// <param name="DecidedAt">When (UTC).</param>
public sealed record ReviewDecision(Guid DecisionId, Guid CorrelationId, bool Approved, string Reason, string RecordHash, Guid SignatureId, DateTime DecidedAt);
