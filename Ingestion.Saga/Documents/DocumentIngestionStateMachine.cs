using Ingestion.Contracts;
using Ingestion.Saga.Review;
using MassTransit;

namespace Ingestion.Saga.Documents;

/// <summary>
/// The life of one submitted document: RECEIVED → VALIDATING → PARSING → PARSED → ARCHIVED, or REJECTED from
/// VALIDATING (the gate refused it), PARSING (the document could not be read, or the parse retry budget ran out) or
/// PARSED (archival failed). A document whose required fields the extraction chain could not all find with enough
/// confidence waits in MANUAL_REVIEW until a reviewer approves it (on to PARSED) or rejects it. Asked to resume, a document sends again what its state waits on.
/// Final instances stay in the table, so a packet published again never redoes finished work.
/// </summary>
public sealed class DocumentIngestionStateMachine : MassTransitStateMachine<DocumentIngestionState>
{
    /// <summary>
    /// Builds the state machine; <paramref name="audit"/> records every transition, <paramref name="reviews"/> checks the
    /// signed review decisions it is asked to apply.
    /// </summary>
    public DocumentIngestionStateMachine(TransitionAudit audit, IReviewDecisionCheck reviews)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(reviews);
        InstanceState(x => x.CurrentState);

        Event(() => Submitted, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => ValidationPassed, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => ValidationFailed, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => ValidationFaulted, x => x.CorrelateById(m => m.Message.Message.CorrelationId));
        Event(() => ParseSucceeded, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => ParseFaulted, x => x.CorrelateById(m => m.Message.Message.CorrelationId));
        Event(() => ParseRefused, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => ArchiveSucceeded, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => ArchiveFaulted, x => x.CorrelateById(m => m.Message.Message.CorrelationId));
        Event(() => ReviewDecided, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => Resumed, x =>
        {
            x.CorrelateById(m => m.Message.CorrelationId);
            // A resume never creates a document; one for a document that does not exist has nothing to resume.
            x.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(Submitted)
                .Then(ctx => Accept(ctx.Saga, ctx.Message))
                .TransitionTo(Received)
                .ThenAsync(ctx => audit.Record(ctx, AuditActions.Ingest, null, Received, DocumentState.Received.Display))
                .TransitionTo(Validating)
                .Send(ctx => DocumentMessages.Validate(ctx.Saga))
                .ThenAsync(ctx => audit.Record(ctx, AuditActions.Validate, Received, Validating, AuditOutcomes.Started)));

        During(Validating,
            When(ValidationPassed)
                .Then(ctx =>
                {
                    ctx.Saga.TemplateId = ctx.Message.TemplateId;
                    ctx.Saga.SchemaVersion = ctx.Message.SchemaVersion;
                    ctx.Saga.ReadingNotes = ctx.Message.ReadingNotes;
                })
                .TransitionTo(Parsing)
                .Send(ctx => DocumentMessages.Parse(ctx.Saga))
                .ThenAsync(ctx => audit.Record(ctx, AuditActions.Validate, Validating, Parsing, AuditOutcomes.Passed)),
            When(ValidationFailed)
                .Then(ctx =>
                {
                    ctx.Saga.TemplateId = ctx.Message.TemplateId;
                    ctx.Saga.SchemaVersion = ctx.Message.SchemaVersion;
                })
                .Then(ctx => Reject(ctx.Saga, ctx.Message.ErrorCode, ctx.Message.Reason))
                .TransitionTo(Rejected)
                .ThenAsync(ctx => audit.RecordFinal(ctx, AuditActions.Reject, Validating, Rejected))
                .Send(ctx => DocumentMessages.Finalized(ctx.Saga)),
            When(ValidationFaulted)
                .Then(ctx => Reject(ctx.Saga, ErrorCodes.ValidationFailure, FaultReason(ctx.Message)))
                .TransitionTo(Rejected)
                .ThenAsync(ctx => audit.RecordFinal(ctx, AuditActions.Reject, Validating, Rejected))
                .Send(ctx => DocumentMessages.Finalized(ctx.Saga)));

        During(Parsing,
            When(ParseSucceeded, ctx => IsComplete(ctx.Message))
                .Then(ctx => KeepFields(ctx.Saga, ctx.Message))
                .TransitionTo(Parsed)
                .Send(ctx => DocumentMessages.Archive(ctx.Saga))
                .ThenAsync(ctx => audit.Record(ctx, AuditActions.Parse, Parsing, Parsed, DocumentState.Parsed.Display, ctx.Message.Attempt)),
            When(ParseSucceeded, ctx => !IsComplete(ctx.Message))
                .Then(ctx =>
                {
                    KeepFields(ctx.Saga, ctx.Message);
                    ctx.Saga.MissingFields = [.. ctx.Message.MissingFields];
                    ctx.Saga.LowConfidenceFields = [.. ctx.Message.LowConfidenceFields];
                    ctx.Saga.ReviewRequestedAt = DateTime.UtcNow;
                    ctx.Saga.Reason = ReviewReason(ctx.Message);
                })
                .TransitionTo(ManualReview)
                .Send(ctx => DocumentMessages.Review(ctx.Saga))
                .ThenAsync(ctx => audit.Record(ctx, AuditActions.Parse, Parsing, ManualReview, DocumentState.ManualReview.Display, ctx.Message.Attempt)),
            When(ParseFaulted)
                .Then(ctx => Reject(ctx.Saga, ErrorCodes.ParserFailure, FaultReason(ctx.Message)))
                .TransitionTo(Rejected)
                .ThenAsync(ctx => audit.RecordFinal(ctx, AuditActions.Reject, Parsing, Rejected))
                .Send(ctx => DocumentMessages.Finalized(ctx.Saga)),
            When(ParseRefused)
                .Then(ctx => Reject(ctx.Saga, ctx.Message.ErrorCode, ctx.Message.Reason))
                .TransitionTo(Rejected)
                .ThenAsync(ctx => audit.RecordFinal(ctx, AuditActions.Reject, Parsing, Rejected))
                .Send(ctx => DocumentMessages.Finalized(ctx.Saga)));

        // A decision is applied only as recorded and signed in the database; the message names it and nothing more.
        During(ManualReview,
            When(ReviewDecided)
                .ThenAsync(async ctx =>
                {
                    var verdict = await reviews.CheckAsync(ctx, ctx.Saga, ctx.Message.DecisionId);
                    ctx.AddOrUpdatePayload(() => verdict, _ => verdict);
                })
                .IfElse(ctx => Verdict(ctx).Refusal is not null,
                    refused => refused
                        .Then(ctx => ctx.Saga.RefusedReviewDecisions++)
                        .ThenAsync(ctx => audit.Record(
                            ctx, AuditActions.Review, ManualReview, ManualReview, AuditOutcomes.Refused, attempt: ctx.Saga.RefusedReviewDecisions,
                            reason: Verdict(ctx).Refusal, errorCode: ErrorCodes.ReviewDecisionRefused)),
                    accepted => accepted.IfElse(ctx => Verdict(ctx).Approved,
                        approved => approved
                            .Then(ctx =>
                            {
                                ctx.Saga.Fields = [.. Verdict(ctx).Fields];
                                ctx.Saga.ReviewDecisionId = ctx.Message.DecisionId;
                                ctx.Saga.Reason = Verdict(ctx).Reason;
                            })
                            .TransitionTo(Parsed)
                            .Send(ctx => DocumentMessages.Archive(ctx.Saga))
                            .ThenAsync(ctx => audit.Record(ctx, AuditActions.Review, ManualReview, Parsed, AuditOutcomes.Approved, actor: Verdict(ctx).Reviewer,
                                occurredAt: Verdict(ctx).DecidedAt)),
                        rejected => rejected
                            .Then(ctx =>
                            {
                                ctx.Saga.ReviewDecisionId = ctx.Message.DecisionId;
                                Reject(ctx.Saga, ErrorCodes.ReviewRejected, Verdict(ctx).Reason);
                            })
                            .TransitionTo(Rejected)
                            .ThenAsync(ctx => audit.RecordFinal(
                                ctx, AuditActions.Review, ManualReview, Rejected, actor: Verdict(ctx).Reviewer, occurredAt: Verdict(ctx).DecidedAt))
                            .Send(ctx => DocumentMessages.Finalized(ctx.Saga)))));

        During(Parsed,
            When(ArchiveSucceeded)
                .TransitionTo(Archived)
                .ThenAsync(ctx => audit.RecordFinal(ctx, AuditActions.Archive, Parsed, Archived))
                .Send(ctx => DocumentMessages.Finalized(ctx.Saga)),
            When(ArchiveFaulted)
                .Then(ctx => Reject(ctx.Saga, ErrorCodes.ArchiveFailure, FaultReason(ctx.Message)))
                .TransitionTo(Rejected)
                .ThenAsync(ctx => audit.RecordFinal(ctx, AuditActions.Reject, Parsed, Rejected))
                .Send(ctx => DocumentMessages.Finalized(ctx.Saga)));

        // Resuming sends again, with the same builders as the transition into the state, what the state waits on; it
        // changes no state and writes no audit entry. (RECEIVED is passed through within the creating step.)
        During(Received, Validating, When(Resumed).Send(ctx => DocumentMessages.Validate(ctx.Saga)));
        During(Parsing, When(Resumed).Send(ctx => DocumentMessages.Parse(ctx.Saga)));
        During(Parsed, When(Resumed).Send(ctx => DocumentMessages.Archive(ctx.Saga)));
        During(ManualReview, When(Resumed).Send(ctx => DocumentMessages.Review(ctx.Saga)));
        During(Archived, Rejected, When(Resumed).Send(ctx => DocumentMessages.Finalized(ctx.Saga)));

        // A packet published twice, or a stage result redelivered after its effect was saved, changes nothing.
        DuringAny(Ignore(Submitted));
        During(Parsing, Parsed, Archived, Rejected,
            Ignore(ValidationPassed), Ignore(ValidationFailed), Ignore(ValidationFaulted));
        During(ManualReview, Parsed, Archived, Rejected, Ignore(ParseSucceeded), Ignore(ParseFaulted), Ignore(ParseRefused));
        During(Received, Validating, Parsing, Parsed, Ignore(ReviewDecided));
        During(Archived, Rejected, Ignore(ReviewDecided));
        During(Archived, Rejected, Ignore(ArchiveSucceeded), Ignore(ArchiveFaulted));
    }

    /// <summary>Created, not yet handed to validation.</summary>
    public State Received { get; private set; } = null!;

    /// <summary>At the validation gate.</summary>
    public State Validating { get; private set; } = null!;

    /// <summary>Fields being extracted.</summary>
    public State Parsing { get; private set; } = null!;

    /// <summary>Fields extracted, being archived.</summary>
    public State Parsed { get; private set; } = null!;

    /// <summary>Waiting for a reviewer: a required field is missing or below the review threshold.</summary>
    public State ManualReview { get; private set; } = null!;

    /// <summary>Final: sealed and indexed.</summary>
    public State Archived { get; private set; } = null!;

    /// <summary>Final: refused with an error code.</summary>
    public State Rejected { get; private set; } = null!;

    /// <summary>The document entered ingestion.</summary>
    public Event<DocumentSubmitted> Submitted { get; private set; } = null!;

    /// <summary>The validation gate passed it.</summary>
    public Event<DocumentValidated> ValidationPassed { get; private set; } = null!;

    /// <summary>The validation gate refused it.</summary>
    public Event<DocumentValidationFailed> ValidationFailed { get; private set; } = null!;

    /// <summary>Validation faulted after its retries.</summary>
    public Event<Fault<ValidateDocument>> ValidationFaulted { get; private set; } = null!;

    /// <summary>The parse stage finished.</summary>
    public Event<DocumentParsed> ParseSucceeded { get; private set; } = null!;

    /// <summary>Parsing faulted after its retries.</summary>
    public Event<Fault<ParseDocument>> ParseFaulted { get; private set; } = null!;

    /// <summary>The parse stage could not read the document (a crash, a limit, an unreadable file): a final refusal.</summary>
    public Event<DocumentParseFailed> ParseRefused { get; private set; } = null!;

    /// <summary>The document was archived.</summary>
    public Event<DocumentArchived> ArchiveSucceeded { get; private set; } = null!;

    /// <summary>Archival faulted after its retries.</summary>
    public Event<Fault<ArchiveDocument>> ArchiveFaulted { get; private set; } = null!;

    /// <summary>A reviewer's signed decision on a document in manual review was recorded.</summary>
    public Event<ApplyReviewDecision> ReviewDecided { get; private set; } = null!;

    /// <summary>The recovery sweep found the document stale and asks it to send again what it waits on.</summary>
    public Event<ResumeDocument> Resumed { get; private set; } = null!;

    private static bool IsComplete(DocumentParsed parsed) =>
        parsed.MissingFields.Count == 0 && parsed.LowConfidenceFields.Count == 0 && parsed.ReviewCode is null;

    private static void KeepFields(DocumentIngestionState saga, DocumentParsed parsed)
    {
        saga.Fields = [.. parsed.Fields];
        saga.ParseAttempt = parsed.Attempt;
        saga.ArtifactClass = parsed.ArtifactClass;
        saga.ClassConfidence = parsed.ClassConfidence;
        saga.Findings = [.. parsed.Findings];
        saga.ReviewCode = parsed.ReviewCode;
    }

    private static string ReviewReason(DocumentParsed parsed)
    {
        var parts = new List<string>();
        if (parsed.MissingFields.Count > 0)
        {
            parts.Add($"not found: {string.Join(", ", parsed.MissingFields)}");
        }

        if (parsed.LowConfidenceFields.Count > 0)
        {
            parts.Add($"below the review threshold: {string.Join(", ", parsed.LowConfidenceFields)}");
        }

        var fields = parts.Count == 0 ? null : $"required fields {string.Join("; ", parts)}";
        var code = parsed.ReviewCode is null ? null : $"{parsed.ReviewCode}: {parsed.ReviewReason}";
        return $"Manual review needed; {string.Join("; ", new[] { code, fields }.OfType<string>())}.";
    }

    private static ReviewVerdict Verdict<T>(BehaviorContext<DocumentIngestionState, T> context)
        where T : class => context.GetPayload<ReviewVerdict>();

    private static void Accept(DocumentIngestionState saga, DocumentSubmitted message)
    {
        saga.PacketId = message.PacketId;
        saga.SiteId = message.SiteId;
        saga.StudyId = message.StudyId;
        saga.SubmittedAt = message.SubmittedAt;
        saga.Document = message.Document;
    }

    private static void Reject(DocumentIngestionState saga, string errorCode, string reason)
    {
        saga.ErrorCode = errorCode;
        saga.Reason = reason;
    }

    private static string FaultReason<T>(Fault<T> fault)
    {
        var exception = fault.Exceptions.FirstOrDefault();
        return exception is null ? "The stage faulted without an exception." : $"{exception.ExceptionType}: {exception.Message}";
    }
}
