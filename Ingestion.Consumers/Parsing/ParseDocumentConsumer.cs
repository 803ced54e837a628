using Ingestion.Audit.Ledger;
using Ingestion.Audit.Staging;
using Ingestion.Consumers.Artifacts;
using Ingestion.Consumers.Reading;
using Ingestion.Consumers.Templates;
using Ingestion.Consumers.Validation;
using Ingestion.Contracts;
using Ingestion.Messaging.Fleet;
using Ingestion.Messaging.Redelivery;
using Ingestion.Messaging.Resilience;
using Ingestion.Messaging.Telemetry;
using Ingestion.Persistence.Content;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Parsing;

/// <summary>
/// Extracts the fields the document's template version requires, reading it through the contained reader with no
/// transaction or connection open. A document the reader cannot read (a crash, a limit, an unreadable file) is refused
/// with its code, a final outcome. A transient fault is retried within the stage's budget, and every failed attempt is
/// staged on the audit trail straight away, in a small transaction of its own (the attempt itself has none). A document
/// that declares no template is read by its artifact profile instead (<see cref="FreeFormExtraction"/>).
/// </summary>
internal sealed class ParseDocumentConsumer(
    ContentStore store,
    TemplateRegistry registry,
    IFieldExtractor extractor,
    FreeFormExtraction freeForm,
    ReadingAttempts attempts,
    AuditEntryFactory entries,
    AuditStaging staging,
    IOptions<EndpointRetryOptions> retry,
    IOptions<StageRedeliveryOptions> redelivery,
    IngestionMetrics metrics,
    ILogger<ParseDocumentConsumer> logger)
    : IConsumer<ParseDocument>
{
    public async Task Consume(ConsumeContext<ParseDocument> context)
    {
        var command = context.Message;
        var run = StageRun.Of(context);
        var attempt = run.Attempt;

        var isFreeForm = command.TemplateId == ArtifactTypes.FreeFormTemplate;
        var template = isFreeForm ? null : registry.Find(command.TemplateId, command.SchemaVersion)
            ?? throw new InvalidOperationException(
                $"Template {command.TemplateId} {command.SchemaVersion} passed validation but is not in registry {registry.RegistryVersion}.");

        DocumentParsed parsed;
        var (left, lost) = await attempts.BeginAsync(command.CorrelationId, Stages.Parse, context.CancellationToken);
        try
        {
            if (left <= 0)
            {
                await RefuseAsync(context, attempt, ErrorCodes.ParserCrash, ReadingAttempts.Exhausted(lost), run);
                return;
            }

            using var budget = ReadingBudget.Begin(left);
            var path = store.LocalPath(command.ContentReference);
            parsed = template is null
                ? Parsed(await freeForm.ExtractAsync(path, command.ArtifactType, command.ReceivedAt, context.CancellationToken))
                : Parsed(template, await extractor.ExtractAsync(path, template, context.CancellationToken));
        }
        catch (UnreadableDocumentException unreadable)
        {
            await RefuseAsync(context, attempt, unreadable.ErrorCode, unreadable.Message, run);
            return;
        }
        catch (Exception exception) when (TransientFaults.IsTransient(exception))
        {
            var perDelivery = Math.Max(0, retry.Value.For(FleetQueues.ParseDocument).RetryLimit) + 1;
            var exhausted = context.GetRetryAttempt() + 1 >= perDelivery && context.RedeliveryCount() >= redelivery.Value.MaxRedeliveries;
            logger.LogWarning(
                exception,
                "Parse attempt {Attempt} of document {CorrelationId} failed transiently{Exhausted} (schema {SchemaVersion}, {LatencyMs:F1} ms)",
                attempt, command.CorrelationId, exhausted ? "; retry budget exhausted" : string.Empty, command.SchemaVersion,
                run.ElapsedMs);
            await staging.StageAsync([AttemptFailed(command, attempt, exhausted, exception)], context.CancellationToken);
            if (!exhausted)
            {
                metrics.Retried(run.Stage);
            }

            throw;
        }
        finally
        {
            await attempts.EndAsync(command.CorrelationId, Stages.Parse);
        }

        parsed = parsed with { CorrelationId = command.CorrelationId, Attempt = attempt };
        var review = parsed.MissingFields.Count + parsed.LowConfidenceFields.Count > 0 || parsed.ReviewCode is not null;
        metrics.StageCompleted(run.Stage, run.ElapsedMs, review ? "review" : "parsed");
        logger.LogInformation(
            "Parsed document {CorrelationId} on attempt {Attempt}: {FieldCount} fields ({Tiers}), {MissingCount} missing, {UncertainCount} below threshold, class {ArtifactClass} {ClassConfidence}, {FindingCount} findings (schema {SchemaVersion}, {LatencyMs:F1} ms)",
            command.CorrelationId, attempt, parsed.Fields.Count, string.Join(" ", parsed.Fields.Select(f => f.Tier).Distinct()), parsed.MissingFields.Count,
            parsed.LowConfidenceFields.Count, parsed.ArtifactClass, parsed.ClassConfidence, parsed.Findings.Count, command.SchemaVersion, run.ElapsedMs);
        await context.SendResult(Stages.Parse, parsed);
    }

    private static DocumentParsed Parsed(TemplateVersion template, IReadOnlyList<ExtractedField> fields) => new()
    {
        CorrelationId = Guid.Empty,
        Fields = fields,
        MissingFields = template.Fields.Select(f => f.Name).Except(fields.Select(f => f.Name), StringComparer.Ordinal).ToList(),
        LowConfidenceFields = fields.Where(f => f.Confidence < template.ReviewThreshold).Select(f => f.Name).ToList(),
        Attempt = 0,
    };

    private static DocumentParsed Parsed(FreeFormResult result) => new()
    {
        CorrelationId = Guid.Empty,
        Fields = result.Fields,
        MissingFields = result.MissingFields,
        LowConfidenceFields = result.LowConfidenceFields,
        Attempt = 0,
        ArtifactClass = result.Classification.Profile.Id,
        ClassConfidence = result.Classification.Confidence,
        Findings = result.Findings,
        ReviewCode = result.ReviewCode,
        ReviewReason = result.ReviewReason,
    };

    private async Task RefuseAsync(ConsumeContext<ParseDocument> context, int attempt, string errorCode, string reason, StageRun run)
    {
        var command = context.Message;
        metrics.StageCompleted(run.Stage, run.ElapsedMs, "refused");
        logger.LogWarning(
            "Parse refused document {CorrelationId} on attempt {Attempt}: {ErrorCode} {Reason} (schema {SchemaVersion}, {LatencyMs:F1} ms)",
            command.CorrelationId, attempt, errorCode, reason, command.SchemaVersion, run.ElapsedMs);
        await context.SendResult(Stages.Parse, new DocumentParseFailed
        {
            CorrelationId = command.CorrelationId,
            ErrorCode = errorCode,
            Reason = reason,
            Attempt = attempt,
        });
    }

    private AuditEntry AttemptFailed(ParseDocument command, int attempt, bool exhausted, Exception exception)
    {
        var parsing = DocumentState.Parsing.Display;
        return entries.ForDocument(
            new AuditedDocument(command.CorrelationId, command.PacketId, command.SiteId, command.Sha256, command.SchemaVersion),
            AuditActions.Parse, parsing, parsing, exhausted ? AuditOutcomes.Failed : AuditOutcomes.Retry, attempt,
            ErrorCodes.TransientFault, $"{exception.GetType().Name}: {exception.Message}");
    }
}
