using Ingestion.Persistence.Database;

namespace Ingestion.Saga.Review;

/// <summary>
/// Reviewers' signed field corrections and decisions, and what the saga made of each decision (applied or refused, once).
/// All append-only.
/// </summary>
internal sealed class ReviewSchema : ISchemaScript
{
    public int Order => 12;

    public string Sql => """
        CREATE TABLE IF NOT EXISTS field_corrections (
            correction_id uuid PRIMARY KEY,
            correlation_id uuid NOT NULL,
            field_name text NOT NULL,
            old_value text,
            new_value text NOT NULL,
            reason text NOT NULL,
            signature_id uuid NOT NULL UNIQUE REFERENCES electronic_signatures (signature_id),
            corrected_at timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_field_corrections_document ON field_corrections (correlation_id, corrected_at);
        CREATE TABLE IF NOT EXISTS review_decisions (
            decision_id uuid PRIMARY KEY,
            correlation_id uuid NOT NULL,
            approved boolean NOT NULL,
            reason text NOT NULL,
            record_hash text NOT NULL,
            signature_id uuid NOT NULL UNIQUE REFERENCES electronic_signatures (signature_id),
            decided_at timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_review_decisions_document ON review_decisions (correlation_id);
        CREATE TABLE IF NOT EXISTS review_decision_outcomes (
            decision_id uuid PRIMARY KEY REFERENCES review_decisions (decision_id),
            outcome text NOT NULL CHECK (outcome IN ('APPLIED', 'REFUSED')),
            reason text,
            recorded_at timestamptz NOT NULL
        );
        """ + "\n" + AppendOnlyTable.Sql("field_corrections", refuseTruncate: true)
        + "\n" + AppendOnlyTable.Sql("review_decisions", refuseTruncate: true)
        + "\n" + AppendOnlyTable.Sql("review_decision_outcomes", refuseTruncate: true);
}
