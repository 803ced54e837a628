using System.Diagnostics;
using MassTransit;

namespace Ingestion.Consumers;

/// <summary>One attempt of a stage on one document, as <see cref="StageOpeningFilter{TConsumer,TMessage}"/> opened it.</summary>
internal sealed class StageRun(string stage, int attempt, long startedTimestamp)
{
    /// <summary>The stage's name in spans, log lines and metrics (<c>validate</c>, <c>parse</c>, <c>archive</c>).</summary>
    public string Stage { get; } = stage;

    /// <summary>The attempt, counted across in-process retries and wait-queue redeliveries, from 1.</summary>
    public int Attempt { get; } = attempt;

    /// <summary>Time since the attempt began.</summary>
    public double ElapsedMs => Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds;

    /// <summary>The run the endpoint's opening filter put on <paramref name="context"/>.</summary>
    public static StageRun Of(ConsumeContext context) =>
        context.TryGetPayload(out StageRun? run)
            ? run
            : throw new InvalidOperationException("This endpoint has no stage opening filter; configure it with a StageConsumerDefinition.");
}
