using Ingestion.Audit.Staging;
using Ingestion.Contracts;
using Ingestion.Identity.Signatures;
using Ingestion.Persistence.Outbox;
using Ingestion.Saga.Documents;
using MassTransit;
using Npgsql;

namespace Ingestion.Saga.Review;

/// <summary>
/// The saga's side of a review decision: reads the decision named by <see cref="ApplyReviewDecision"/>, with its signature
/// and the document's corrections, in the saga step's own transaction, and accepts it only if it exists, is for this
/// document, has not been used, carries a signature of the matching meaning by a reviewer on this record, and signed
/// the record version the document has now. What it decided is recorded once per decision, in the same transaction.
/// </summary>
public sealed class ReviewDecisionCheck(AuditEntryFactory entries) : IReviewDecisionCheck
{
    /// <inheritdoc />
    public async Task<ReviewVerdict> CheckAsync(ConsumeContext context, DocumentIngestionState saga, Guid decisionId)
    {
        if (!context.TryGetPayload(out IDatabaseTransactionContext? transaction))
        {
            throw new InvalidOperationException("A review decision is checked in the saga step's transaction: the saga's endpoint needs the durable outbox.");
        }

        var cancellationToken = context.CancellationToken;
        var (connection, tx) = (transaction.Connection, transaction.Transaction);
        ReviewDecision decision;
        ElectronicSignature signature;
        string? usedAlready;
        await using (var read = new NpgsqlCommand(
            """
            SELECT d.decision_id, d.correlation_id, d.approved, d.reason, d.record_hash, d.signature_id, d.decided_at, o.outcome,
                   s.signature_id, s.user_id, s.user_name, s.printed_name, s.role, s.meaning, s.signed_at, s.subject_kind, s.subject_id,
                   s.record_hash, s.reason
            FROM review_decisions d
            JOIN electronic_signatures s ON s.signature_id = d.signature_id
            LEFT JOIN review_decision_outcomes o ON o.decision_id = d.decision_id
            WHERE d.decision_id = @id
            """, connection, tx))
        {
            read.Parameters.AddWithValue("id", decisionId);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return ReviewVerdict.Refused($"Review decision {decisionId} does not exist: no signed decision was recorded under that id.");
            }

            decision = new ReviewDecision(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetBoolean(2), reader.GetString(3), reader.GetString(4), reader.GetGuid(5),
                DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc));
            usedAlready = reader.IsDBNull(7) ? null : reader.GetString(7);
            signature = ElectronicSignatures.Read(reader, offset: 8);
        }

        if (decision.CorrelationId != saga.CorrelationId)
        {
            // Not recorded as used: it belongs to another document, which may still apply it.
            return ReviewVerdict.Refused($"Review decision {decisionId} is for document {decision.CorrelationId}, not this one.");
        }

        if (usedAlready is not null)
        {
            return ReviewVerdict.Refused($"Review decision {decisionId} was already {usedAlready.ToLowerInvariant()}; a decision is used once.");
        }

        var corrections = await ReviewRows.CorrectionsAsync(connection, tx, saga.CorrelationId, cancellationToken);
        var record = ReviewRecord.Build(saga, corrections);
        var expectedMeaning = decision.Approved ? SignatureMeanings.Approval : SignatureMeanings.Rejection;
        var problem =
            signature.Meaning != expectedMeaning ? $"its signature means {signature.Meaning}, not {expectedMeaning}"
            : signature.Role != Identity.Accounts.AccountRole.Reviewer ? $"its signer was {signature.Role}, not a reviewer"
            : signature.SubjectKind != ReviewRecord.Kind || signature.SubjectId != saga.CorrelationId ? "its signature is on another record"
            : signature.RecordHash != decision.RecordHash ? "its signature is on another version than the decision names"
            : decision.RecordHash != record.Hash ? $"it signed version sha256:{decision.RecordHash}, but the document is now sha256:{record.Hash}"
            : null;
        var verdict = problem is not null
            ? ReviewVerdict.Refused($"Review decision {decisionId} refused: {problem}.")
            : new ReviewVerdict(
                decision.Approved, null,
                $"{decision.Reason} (signed {signature.Meaning} by {signature.PrintedName} ({signature.UserName}) at {signature.SignedAt:yyyy-MM-dd HH:mm:ss} UTC; " +
                $"signature {signature.SignatureId}; record sha256:{record.Hash})",
                record.Fields,
                entries.Reviewer(signature.UserName),
                decision.DecidedAt);

        await using var outcome = new NpgsqlCommand(
            """
            INSERT INTO review_decision_outcomes (decision_id, outcome, reason, recorded_at) VALUES (@id, @outcome, @reason, @at)
            ON CONFLICT (decision_id) DO NOTHING
            """, connection, tx);
        outcome.Parameters.AddWithValue("id", decisionId);
        outcome.Parameters.AddWithValue("outcome", verdict.Refusal is null ? "APPLIED" : "REFUSED");
        outcome.Parameters.AddWithValue("reason", (object?)verdict.Refusal ?? DBNull.Value);
        outcome.Parameters.AddWithValue("at", DateTime.UtcNow);
        return await outcome.ExecuteNonQueryAsync(cancellationToken) == 1
            ? verdict
            : ReviewVerdict.Refused($"Review decision {decisionId} was already used; a decision is used once.");
    }
}
