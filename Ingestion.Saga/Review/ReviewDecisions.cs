using Ingestion.Contracts;
using Ingestion.Identity.Signatures;
using Ingestion.Identity.Trail;
using Ingestion.Persistence.Database;
using Ingestion.Saga.Documents;
using MassTransit;
using Npgsql;

namespace Ingestion.Saga.Review;

/// <summary>
/// A reviewer's signed work on a document in manual review: corrections of its fields and the decision to approve or
/// reject it. Each is signed on the record version it produces or decides on, stored with its audit entries in one
/// transaction that holds the document's saga row, and refused when the document has left review, a decision is on its
/// way to the saga, or the record differs from the version the reviewer saw. A decision reaches the saga as a message
/// naming the decision only (<see cref="ApplyReviewDecision"/>), sent through the bus outbox in the same transaction.
/// </summary>
public sealed class ReviewDecisions(IngestionDatabase database, ElectronicSignatures signatures)
{
    private const int MaxValueLength = 500;

    /// <summary>The document's current review record (its fields after the corrections so far), or null when there is no such document.</summary>
    public async Task<ReviewRecord?> RecordAsync(Guid correlationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT data::text FROM {DocumentIngestionStateMap.Table} WHERE correlation_id = @id", connection, transaction);
        command.Parameters.AddWithValue("id", correlationId);
        if (await command.ExecuteScalarAsync(cancellationToken) is not string json)
        {
            return null;
        }

        var saga = System.Text.Json.JsonSerializer.Deserialize<DocumentIngestionState>(json)!;
        return ReviewRecord.Build(saga, await ReviewRows.CorrectionsAsync(connection, transaction, correlationId, cancellationToken));
    }

    /// <summary>
    /// Corrects one field, signed (meaning <see cref="SignatureMeanings.Correction"/>) on the record as it reads after the
    /// correction. <paramref name="seenHash"/>, when given, is the record version the reviewer corrected.
    /// </summary>
    public Task<SignatureOutcome<FieldCorrection>> CorrectAsync(
        SignatureRequest request, Guid correlationId, string fieldName, string newValue, string? seenHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fieldName);
        ArgumentNullException.ThrowIfNull(newValue);
        var value = newValue.Trim();
        return signatures.SignAsync(
            request with { Meaning = SignatureMeanings.Correction }, AuditSubject.Of(correlationId), DocumentState.ManualReview.Display,
            async scope =>
            {
                var (saga, record) = await OpenForSigningAsync(scope, correlationId, seenHash, cancellationToken);
                var allowed = record.Fields.Select(f => f.Name).Concat(await MissingFieldsAsync(scope, correlationId, cancellationToken)).ToHashSet();
                if (!allowed.Contains(fieldName))
                {
                    throw SigningScope.Refuse(SignatureRefusal.NotApplicable, $"The document has no field {fieldName}.");
                }

                var old = record.Fields.FirstOrDefault(f => f.Name == fieldName)?.Value;
                if (value.Length == 0 || value.Length > MaxValueLength || value == old)
                {
                    throw SigningScope.Refuse(
                        SignatureRefusal.NotApplicable, $"A correction gives a new value of 1 to {MaxValueLength} characters, different from the current one.");
                }

                var correction = new FieldCorrection(
                    Guid.CreateVersion7(), correlationId, fieldName, old, value, scope.Reason, Guid.Empty, scope.Signer.UserName, scope.Signer.PrintedName,
                    scope.SignedAt);
                var corrected = ReviewRecord.Build(saga, [.. record.Corrections, correction]);
                var signature = await scope.SignAsync(
                    new SignedRecord(ReviewRecord.Kind, Subject(record), record.State, corrected.Hash), cancellationToken);
                correction = correction with { SignatureId = signature.SignatureId };
                await using (var insert = new NpgsqlCommand(
                    """
                    INSERT INTO field_corrections (correction_id, correlation_id, field_name, old_value, new_value, reason, signature_id, corrected_at)
                    VALUES (@id, @document, @field, @old, @new, @reason, @signature, @at)
                    """, scope.Transaction.Connection, scope.Transaction.Transaction))
                {
                    insert.Parameters.AddWithValue("id", correction.CorrectionId);
                    insert.Parameters.AddWithValue("document", correlationId);
                    insert.Parameters.AddWithValue("field", fieldName);
                    insert.Parameters.AddWithValue("old", (object?)old ?? DBNull.Value);
                    insert.Parameters.AddWithValue("new", value);
                    insert.Parameters.AddWithValue("reason", scope.Reason);
                    insert.Parameters.AddWithValue("signature", signature.SignatureId);
                    insert.Parameters.AddWithValue("at", scope.SignedAt);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                await scope.AuditAsync(cancellationToken, scope.Trail.Entry(
                    Subject(record), AuditActions.FieldCorrected, record.State, record.State, fieldName,
                    $"{fieldName}: {Quoted(old)} -> {Quoted(value)}; reason: {scope.Reason}; signature {signature.SignatureId}",
                    scope.Actor, scope.SignedAt));
                return correction;
            },
            cancellationToken);
    }

    /// <summary>
    /// Approves or rejects the document, signed (<see cref="SignatureMeanings.Approval"/> or
    /// <see cref="SignatureMeanings.Rejection"/>) on its current record; the saga applies it. <paramref name="seenHash"/>,
    /// when given, is the record version the reviewer decided on.
    /// </summary>
    public Task<SignatureOutcome<ReviewDecision>> DecideAsync(
        SignatureRequest request, Guid correlationId, bool approve, string? seenHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return signatures.SignAsync(
            request with { Meaning = approve ? SignatureMeanings.Approval : SignatureMeanings.Rejection }, AuditSubject.Of(correlationId),
            DocumentState.ManualReview.Display,
            async scope =>
            {
                var (_, record) = await OpenForSigningAsync(scope, correlationId, seenHash, cancellationToken);
                var signature = await scope.SignAsync(new SignedRecord(ReviewRecord.Kind, Subject(record), record.State, record.Hash), cancellationToken);
                var decision = new ReviewDecision(
                    Guid.CreateVersion7(), correlationId, approve, scope.Reason, record.Hash, signature.SignatureId, scope.SignedAt);
                await using (var insert = new NpgsqlCommand(
                    """
                    INSERT INTO review_decisions (decision_id, correlation_id, approved, reason, record_hash, signature_id, decided_at)
                    VALUES (@id, @document, @approved, @reason, @hash, @signature, @at)
                    """, scope.Transaction.Connection, scope.Transaction.Transaction))
                {
                    insert.Parameters.AddWithValue("id", decision.DecisionId);
                    insert.Parameters.AddWithValue("document", correlationId);
                    insert.Parameters.AddWithValue("approved", approve);
                    insert.Parameters.AddWithValue("reason", decision.Reason);
                    insert.Parameters.AddWithValue("hash", decision.RecordHash);
                    insert.Parameters.AddWithValue("signature", signature.SignatureId);
                    insert.Parameters.AddWithValue("at", decision.DecidedAt);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                await scope.Transaction.SendEndpointProvider.Send(
                    new ApplyReviewDecision { CorrelationId = correlationId, DecisionId = decision.DecisionId }, cancellationToken);
                return decision;
            },
            cancellationToken);
    }

    /// <summary>The signed decisions on a document and what the saga made of each (<c>APPLIED</c>, <c>REFUSED</c>, or null while on its way).</summary>
    public async Task<IReadOnlyList<(ReviewDecision Decision, string? Outcome, string? OutcomeReason)>> DecisionsAsync(
        Guid correlationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT d.decision_id, d.correlation_id, d.approved, d.reason, d.record_hash, d.signature_id, d.decided_at, o.outcome, o.reason
            FROM review_decisions d LEFT JOIN review_decision_outcomes o ON o.decision_id = d.decision_id
            WHERE d.correlation_id = @id ORDER BY d.decided_at
            """, connection);
        command.Parameters.AddWithValue("id", correlationId);
        var decisions = new List<(ReviewDecision, string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            decisions.Add((
                new ReviewDecision(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetBoolean(2), reader.GetString(3), reader.GetString(4), reader.GetGuid(5),
                    DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc)),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return decisions;
    }

    private static AuditSubject Subject(ReviewRecord record) =>
        new(record.CorrelationId, record.PacketId, record.SiteId, record.DocumentSha256, record.SchemaVersion);

    private static string Quoted(string? value) => value is null ? "(not found)" : $"'{value}'";

    // Holds the saga row for the transaction and checks that the document may be signed on as the reviewer saw it.
    private static async Task<(DocumentIngestionState Saga, ReviewRecord Record)> OpenForSigningAsync(
        SigningScope scope, Guid correlationId, string? seenHash, CancellationToken cancellationToken)
    {
        var saga = await ReviewRows.LockDocumentAsync(scope.Transaction, correlationId, cancellationToken)
            ?? throw SigningScope.Refuse(SignatureRefusal.NotApplicable, $"No document with correlation id {correlationId}.");
        var state = DocumentState.DisplayOf(saga.CurrentState);
        if (state != DocumentState.ManualReview.Display)
        {
            throw SigningScope.Refuse(SignatureRefusal.NotApplicable, $"The document is not waiting in manual review (state: {state}).");
        }

        if (await ReviewRows.DecisionPendingAsync(scope.Transaction, correlationId, cancellationToken))
        {
            throw SigningScope.Refuse(SignatureRefusal.NotApplicable, "A signed decision on the document is being applied.");
        }

        var record = ReviewRecord.Build(saga, await ReviewRows.CorrectionsAsync(
            scope.Transaction.Connection, scope.Transaction.Transaction, correlationId, cancellationToken));
        if (seenHash is not null && !string.Equals(seenHash, record.Hash, StringComparison.Ordinal))
        {
            throw SigningScope.Refuse(
                SignatureRefusal.RecordChanged, "The document changed since you opened it (another correction was signed); review it again.");
        }

        return (saga, record);
    }

    private static async Task<IReadOnlyList<string>> MissingFieldsAsync(SigningScope scope, Guid correlationId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT missing_fields || low_confidence_fields FROM manual_review WHERE correlation_id = @id",
            scope.Transaction.Connection, scope.Transaction.Transaction);
        command.Parameters.AddWithValue("id", correlationId);
        return await command.ExecuteScalarAsync(cancellationToken) is string[] names ? names : [];
    }
}
