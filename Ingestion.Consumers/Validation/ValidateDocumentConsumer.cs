using Ingestion.Consumers.Reading;
using Ingestion.Contracts;
using Ingestion.Messaging.Telemetry;
using Ingestion.Persistence.Content;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Ingestion.Consumers.Validation;

/// <summary>
/// The validation gate: the stored bytes must hash to what the site declared, the document must declare a
/// template, and the registry must accept that template version. A refusal is an outcome, not a fault. The document is
/// read by the contained reader with no transaction or connection open; the result goes out with an id derived from the
/// command's, so a repeat is taken once.
/// </summary>
internal sealed class ValidateDocumentConsumer(
    ContentStore store,
    IDocumentFormat format,
    TemplateGate gate,
    ReadingAttempts attempts,
    IngestionMetrics metrics,
    ILogger<ValidateDocumentConsumer> logger)
    : IConsumer<ValidateDocument>
{
    public async Task Consume(ConsumeContext<ValidateDocument> context)
    {
        var command = context.Message;
        var run = StageRun.Of(context);
        var (outcome, declaration) = await ValidateAsync(command, context.CancellationToken);
        var latencyMs = run.ElapsedMs;
        metrics.StageCompleted(run.Stage, latencyMs, outcome is null ? "passed" : "refused");
        if (outcome is { } rejection)
        {
            logger.LogInformation(
                "Validation refused document {CorrelationId}: {ErrorCode} {Reason} (schema {SchemaVersion}, {LatencyMs:F1} ms)",
                command.CorrelationId, rejection.ErrorCode, rejection.Reason, declaration?.Version, latencyMs);
            await context.SendResult(Stages.Validate, new DocumentValidationFailed
            {
                CorrelationId = command.CorrelationId,
                ErrorCode = rejection.ErrorCode,
                Reason = rejection.Reason,
                TemplateId = declaration?.TemplateId,
                SchemaVersion = declaration?.Version,
            });
            return;
        }

        logger.LogInformation(
            "Validation passed document {CorrelationId}: template {TemplateId}, schema {SchemaVersion} from {DeclarationSource} ({LatencyMs:F1} ms)",
            command.CorrelationId, declaration!.TemplateId, declaration.Version, declaration.Source, latencyMs);
        await context.SendResult(Stages.Validate, new DocumentValidated
        {
            CorrelationId = command.CorrelationId,
            TemplateId = declaration.TemplateId,
            SchemaVersion = declaration.Version,
            DeclarationSource = declaration.Source,
            ReadingNotes = declaration.ReadingNotes,
        });
    }

    private async Task<((string ErrorCode, string Reason)? Rejection, DocumentDeclaration? Declaration)> ValidateAsync(
        ValidateDocument command, CancellationToken cancellationToken)
    {
        string actual;
        try
        {
            actual = await store.ComputeSha256Async(command.ContentReference, cancellationToken);
        }
        catch (ContentNotFoundException exception)
        {
            return ((ErrorCodes.ContentMissing, exception.Message), null);
        }

        if (!string.Equals(actual, command.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return ((ErrorCodes.HashMismatch,
                $"The stored content hashes to {actual}, not to the SHA-256 {command.Sha256} the site declared."), null);
        }

        var (left, lost) = await attempts.BeginAsync(command.CorrelationId, Stages.Validate, cancellationToken);
        DocumentDeclaration declaration;
        try
        {
            if (left <= 0)
            {
                return ((ErrorCodes.ParserCrash, ReadingAttempts.Exhausted(lost)), null);
            }

            using var budget = ReadingBudget.Begin(left);
            declaration = await format.ReadDeclarationAsync(store.LocalPath(command.ContentReference), cancellationToken);
        }
        catch (UnreadableDocumentException exception)
        {
            return ((exception.ErrorCode, exception.Message), null);
        }
        finally
        {
            await attempts.EndAsync(command.CorrelationId, Stages.Validate);
        }

        return (gate.Check(declaration), declaration);
    }
}
