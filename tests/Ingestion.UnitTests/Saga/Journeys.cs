using Ingestion.Contracts;

namespace Ingestion.UnitTests.Saga;

/// <summary>Brings a document to a state the way the fleet does, one event at a time.</summary>
internal static class Journeys
{
    public static async Task ToValidatingAsync(this SagaHarness harness, OneDocument document)
    {
        await harness.PublishAsync(document.Submitted());
        await harness.InStateAsync(document.CorrelationId, m => m.Validating);
    }

    public static async Task ToParsingAsync(this SagaHarness harness, OneDocument document)
    {
        await harness.ToValidatingAsync(document);
        await harness.PublishAsync(document.Validated());
        await harness.InStateAsync(document.CorrelationId, m => m.Parsing);
    }

    public static async Task ToParsedAsync(this SagaHarness harness, OneDocument document)
    {
        await harness.ToParsingAsync(document);
        await harness.PublishAsync(document.Parsed());
        await harness.InStateAsync(document.CorrelationId, m => m.Parsed);
    }

    public static async Task ToManualReviewAsync(this SagaHarness harness, OneDocument document)
    {
        await harness.ToParsingAsync(document);
        await harness.PublishAsync(document.ParsedWithGaps());
        await harness.InStateAsync(document.CorrelationId, m => m.ManualReview);
    }

    public static async Task ToArchivedAsync(this SagaHarness harness, OneDocument document)
    {
        await harness.ToParsedAsync(document);
        await harness.PublishAsync(document.Archived());
        await harness.InStateAsync(document.CorrelationId, m => m.Archived);
    }

    public static async Task ToRejectedAsync(this SagaHarness harness, OneDocument document)
    {
        await harness.ToValidatingAsync(document);
        await harness.PublishAsync(document.ValidationFailed());
        await harness.InStateAsync(document.CorrelationId, m => m.Rejected);
    }

    public static IReadOnlyList<ValidateDocument> ValidateCommands(this SagaHarness harness, OneDocument document) =>
        harness.Sent<ValidateDocument>(document.CorrelationId, m => m.CorrelationId);

    public static IReadOnlyList<ParseDocument> ParseCommands(this SagaHarness harness, OneDocument document) =>
        harness.Sent<ParseDocument>(document.CorrelationId, m => m.CorrelationId);

    public static IReadOnlyList<ArchiveDocument> ArchiveCommands(this SagaHarness harness, OneDocument document) =>
        harness.Sent<ArchiveDocument>(document.CorrelationId, m => m.CorrelationId);

    public static IReadOnlyList<RequestManualReview> ReviewRequests(this SagaHarness harness, OneDocument document) =>
        harness.Sent<RequestManualReview>(document.CorrelationId, m => m.CorrelationId);

    public static IReadOnlyList<DocumentFinalized> Completions(this SagaHarness harness, OneDocument document) =>
        harness.Sent<DocumentFinalized>(document.CorrelationId, m => m.CorrelationId);
}
