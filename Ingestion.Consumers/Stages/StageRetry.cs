using Ingestion.Messaging.Resilience;
using MassTransit;

namespace Ingestion.Consumers;

/// <summary>Applies a stage's retry budget: transient faults only, exponential back-off with jitter.</summary>
internal static class StageRetry
{
    public static void ForStage(this IRetryConfigurator retry, StageRetryOptions options)
    {
        retry.Handle<Exception>(TransientFaults.IsTransient);
        if (options.RetryLimit <= 0)
        {
            retry.None();
            return;
        }

        retry.Exponential(
            options.RetryLimit,
            TimeSpan.FromMilliseconds(options.MinIntervalMs),
            TimeSpan.FromMilliseconds(options.MaxIntervalMs),
            TimeSpan.FromMilliseconds(options.IntervalDeltaMs));
    }
}
