using System.Diagnostics;
using Ingestion.Messaging.Logging;
using Ingestion.Messaging.Redelivery;
using Ingestion.Messaging.Telemetry;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Ingestion.Consumers;

/// <summary>
/// What every stage does before its work, right around the consumer (inside the retry and the durable outbox, so once per
/// attempt): starts the timer, the stage's span (<c>ingestion.&lt;stage&gt;</c>) and the log scope that puts the
/// document's identity on every line, and hands the consumer its <see cref="StageRun"/>.
/// </summary>
internal sealed class StageOpeningFilter<TConsumer, TMessage>(
    string stage, Func<TMessage, StageDocument> document, int attemptsPerDelivery, ILogger<TConsumer> logger)
    : IFilter<ConsumerConsumeContext<TConsumer, TMessage>>
    where TConsumer : class
    where TMessage : class
{
    public async Task Send(ConsumerConsumeContext<TConsumer, TMessage> context, IPipe<ConsumerConsumeContext<TConsumer, TMessage>> next)
    {
        var started = Stopwatch.GetTimestamp();
        var identity = document(context.Message);
        // Attempts count on across delayed redeliveries, so each attempt has its own number (and, for parse, its own audit entry).
        var attempt = (context.RedeliveryCount() * attemptsPerDelivery) + context.GetRetryAttempt() + 1;
        using var span = IngestionActivities.StartStage(stage, identity.CorrelationId, identity.SiteId, identity.Sha256);
        using var scope = logger.BeginDocumentScope(identity.CorrelationId, identity.PacketId, identity.SiteId, identity.Sha256, stage, attempt);
        var run = new StageRun(stage, attempt, started);
        context.AddOrUpdatePayload(() => run, _ => run);
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("stageOpening").Add("stage", stage);
}
