using Ingestion.Contracts;
using MassTransit;

namespace Ingestion.Saga.Documents;

/// <summary>
/// The life of one submitted document: RECEIVED → VALIDATING → PARSING → PARSED → ARCHIVED, or REJECTED from
/// VALIDATING (the gate refused it), PARSING (the parse retry budget ran out) or PARSED (archival failed).
/// Final instances stay in the table, so a packet published again never redoes finished work.
/// </summary>
public sealed class DocumentIngestionStateMachine : MassTransitStateMachine<DocumentIngestionState>
{
    /// <summary>Error code of a document whose parse retry budget ran out.</summary>
    public const string ParserFailure = "PARSER_FAILURE";

    /// <summary>Error code of a document whose archival retry budget ran out.</summary>
    public const string ArchiveFailure = "ARCHIVE_FAILURE";

    /// <summary>Error code of a document the validation stage faulted on.</summary>
    public const string ValidationFailure = "VALIDATION_FAILURE";

    /// <summary>Error code of a document missing required fields.</summary>
    public const string FieldsMissing = "FIELDS_MISSING";

    /// <summary>Builds the state machine; <paramref name="audit"/> records every transition.</summary>
    public DocumentIngestionStateMachine(TransitionAudit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        InstanceState(x => x.CurrentState);

        Event(() => Submitted, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => ValidationPassed, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => ValidationFailed, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => ValidationFaulted, x => x.CorrelateById(m => m.Message.Message.CorrelationId));
        Event(() => ParseSucceeded, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => ParseFaulted, x => x.CorrelateById(m => m.Message.Message.CorrelationId));
        Event(() => ArchiveSucceeded, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => ArchiveFaulted, x => x.CorrelateById(m => m.Message.Message.CorrelationId));

        Initially(
            When(Submitted)
                .Then(ctx => Accept(ctx.Saga, ctx.Message))
                .TransitionTo(Received)
                .ThenAsync(ctx => audit.Record(ctx, "INGEST", null, Received, "RECEIVED"))
                .TransitionTo(Validating)
                .Send(ctx => new ValidateDocument
                {
                    CorrelationId = ctx.Saga.CorrelationId,
                    PacketId = ctx.Saga.PacketId,
                    SiteId = ctx.Saga.SiteId,
                    Sha256 = ctx.Saga.Document!.Sha256,
                    ContentReference = ctx.Saga.Document.ContentReference,
                })
                .ThenAsync(ctx => audit.Record(ctx, "VALIDATE", Received, Validating, "STARTED")));

        During(Validating,
            When(ValidationPassed)
                .Then(ctx =>
                {
                    ctx.Saga.TemplateId = ctx.Message.TemplateId;
                    ctx.Saga.SchemaVersion = ctx.Message.SchemaVersion;
                })
                .TransitionTo(Parsing)
                .Send(ctx => new ParseDocument
                {
                    CorrelationId = ctx.Saga.CorrelationId,
                    PacketId = ctx.Saga.PacketId,
                    SiteId = ctx.Saga.SiteId,
                    Sha256 = ctx.Saga.Document!.Sha256,
                    ContentReference = ctx.Saga.Document.ContentReference,
                    TemplateId = ctx.Message.TemplateId,
                    SchemaVersion = ctx.Message.SchemaVersion,
                })
                .ThenAsync(ctx => audit.Record(ctx, "VALIDATE", Validating, Parsing, "PASSED")),
            When(ValidationFailed)
                .Then(ctx =>
                {
                    ctx.Saga.TemplateId = ctx.Message.TemplateId;
                    ctx.Saga.SchemaVersion = ctx.Message.SchemaVersion;
                })
                .Then(ctx => Reject(ctx.Saga, ctx.Message.ErrorCode, ctx.Message.Reason))
                .TransitionTo(Rejected)
                .ThenAsync(ctx => audit.RecordFinal(ctx, "REJECT", Validating, Rejected)),
            When(ValidationFaulted)
                .Then(ctx => Reject(ctx.Saga, ValidationFailure, FaultReason(ctx.Message)))
                .TransitionTo(Rejected)
                .ThenAsync(ctx => audit.RecordFinal(ctx, "REJECT", Validating, Rejected)));

        During(Parsing,
            When(ParseSucceeded, ctx => ctx.Message.MissingFields.Count == 0)
                .Then(ctx =>
                {
                    ctx.Saga.Fields = [.. ctx.Message.Fields];
                    ctx.Saga.ParseAttempt = ctx.Message.Attempt;
                })
                .TransitionTo(Parsed)
                .Send(ctx => new ArchiveDocument
                {
                    CorrelationId = ctx.Saga.CorrelationId,
                    PacketId = ctx.Saga.PacketId,
                    SiteId = ctx.Saga.SiteId,
                    StudyId = ctx.Saga.StudyId,
                    Document = ctx.Saga.Document!,
                    TemplateId = ctx.Saga.TemplateId!,
                    SchemaVersion = ctx.Saga.SchemaVersion!,
                    Fields = ctx.Saga.Fields,
                })
                .ThenAsync(ctx => audit.Record(ctx, "PARSE", Parsing, Parsed, "PARSED", attempt: ctx.Message.Attempt)),
            When(ParseSucceeded, ctx => ctx.Message.MissingFields.Count > 0)
                .Then(ctx =>
                {
                    ctx.Saga.Fields = [.. ctx.Message.Fields];
                    ctx.Saga.ParseAttempt = ctx.Message.Attempt;
                    Reject(ctx.Saga, FieldsMissing, $"Required fields not found: {string.Join(", ", ctx.Message.MissingFields)}.");
                })
                .TransitionTo(Rejected)
                .ThenAsync(ctx => audit.RecordFinal(ctx, "REJECT", Parsing, Rejected, attempt: ctx.Message.Attempt)),
            When(ParseFaulted)
                .Then(ctx => Reject(ctx.Saga, ParserFailure, FaultReason(ctx.Message)))
                .TransitionTo(Rejected)
                .ThenAsync(ctx => audit.RecordFinal(ctx, "REJECT", Parsing, Rejected)));

        During(Parsed,
            When(ArchiveSucceeded)
                .TransitionTo(Archived)
                .ThenAsync(ctx => audit.RecordFinal(ctx, "ARCHIVE", Parsed, Archived)),
            When(ArchiveFaulted)
                .Then(ctx => Reject(ctx.Saga, ArchiveFailure, FaultReason(ctx.Message)))
                .TransitionTo(Rejected)
                .ThenAsync(ctx => audit.RecordFinal(ctx, "REJECT", Parsed, Rejected)));

        // A packet published twice, or a stage result redelivered after its effect was saved, changes nothing.
        DuringAny(Ignore(Submitted));
        During(Parsing, Parsed, Archived, Rejected,
            Ignore(ValidationPassed), Ignore(ValidationFailed), Ignore(ValidationFaulted));
        During(Parsed, Archived, Rejected, Ignore(ParseSucceeded), Ignore(ParseFaulted));
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

    /// <summary>The document was archived.</summary>
    public Event<DocumentArchived> ArchiveSucceeded { get; private set; } = null!;

    /// <summary>Archival faulted after its retries.</summary>
    public Event<Fault<ArchiveDocument>> ArchiveFaulted { get; private set; } = null!;

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
