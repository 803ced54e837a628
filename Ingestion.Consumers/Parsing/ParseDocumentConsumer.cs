using System.Diagnostics;
using Ingestion.Audit.Ledger;
using Ingestion.Audit.Staging;
using Ingestion.Consumers.Templates;
using Ingestion.Contracts;
using Ingestion.Messaging.Logging;
using Ingestion.Messaging.Redelivery;
using Ingestion.Messaging.Resilience;
using Ingestion.Messaging.Telemetry;
using Ingestion.Persistence.Content;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Parsing;

/// <summary>
/// Extracts the fields the document's template version requires. A transient fault is retried within the
/// stage's budget, and every failed attempt is staged on the audit trail straight away, in a transaction of its own:
/// the consume context's transaction is rolled back together with the failed attempt.
/// </summary>
internal sealed class ParseDocumentConsumer(
    ContentStore store,
    TemplateRegistry registry,
    IFieldExtractor extractor,
    AuditEntryFactory entries,
    AuditStaging staging,
    IOptionsMonitor<StageRetryOptions> retry,
    IOptions<StageRedeliveryOptions> redelivery,
    IngestionMetrics metrics,
    ILogger<ParseDocumentConsumer> logger)
    : IConsumer<ParseDocument>
{
    public async Task Consume(ConsumeContext<ParseDocument> context)
    {
        var command = context.Message;
        // Attempts count on across delayed redeliveries, so each attempt has its own audit entry.
        var perDelivery = retry.Get(Stages.Parse).RetryLimit + 1;
        var redeliveries = context.RedeliveryCount();
        var attempt = (redeliveries * perDelivery) + context.GetRetryAttempt() + 1;
        var started = Stopwatch.GetTimestamp();
        using var span = IngestionActivities.StartStage("parse", command.CorrelationId, command.SiteId, command.Sha256);
        using var scope = logger.BeginDocumentScope(command.CorrelationId, command.PacketId, command.SiteId, command.Sha256, "parse", attempt);

        var template = registry.Find(command.TemplateId, command.SchemaVersion)
            ?? throw new InvalidOperationException(
                $"Template {command.TemplateId} {command.SchemaVersion} passed validation but is not in registry {registry.RegistryVersion}.");

        IReadOnlyList<ExtractedField> fields;
        try
        {
            fields = await extractor.ExtractAsync(store.LocalPath(command.ContentReference), template, context.CancellationToken);
        }
        catch (Exception exception) when (TransientFaults.IsTransient(exception))
        {
            var exhausted = context.GetRetryAttempt() + 1 >= perDelivery && redeliveries >= redelivery.Value.MaxRedeliveries;
            logger.LogWarning(
                exception,
                "Parse attempt {Attempt} of document {CorrelationId} failed transiently{Exhausted} (schema {SchemaVersion}, {LatencyMs:F1} ms)",
                attempt, command.CorrelationId, exhausted ? "; retry budget exhausted" : string.Empty, command.SchemaVersion,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await staging.StageAsync([AttemptFailed(command, attempt, exhausted, exception)], context.CancellationToken);
            if (!exhausted)
            {
                metrics.Retried("parse");
            }

            throw;
        }

        var missing = template.Fields.Select(f => f.Name).Except(fields.Select(f => f.Name), StringComparer.Ordinal).ToList();
        var uncertain = fields.Where(f => f.Confidence < template.ReviewThreshold).Select(f => f.Name).ToList();
        metrics.StageCompleted("parse", Stopwatch.GetElapsedTime(started).TotalMilliseconds, missing.Count + uncertain.Count == 0 ? "parsed" : "review");
        logger.LogInformation(
            "Parsed document {CorrelationId} on attempt {Attempt}: {FieldCount} fields ({Tiers}), {MissingCount} missing, {UncertainCount} below threshold (schema {SchemaVersion}, {LatencyMs:F1} ms)",
            command.CorrelationId, attempt, fields.Count, string.Join(" ", fields.Select(f => f.Tier).Distinct()), missing.Count, uncertain.Count, command.SchemaVersion, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        await context.Send(new DocumentParsed
        {
            CorrelationId = command.CorrelationId,
            Fields = fields,
            MissingFields = missing,
            LowConfidenceFields = uncertain,
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
