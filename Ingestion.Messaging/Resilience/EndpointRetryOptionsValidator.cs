using Ingestion.Messaging.Fleet;
using Microsoft.Extensions.Options;

namespace Ingestion.Messaging.Resilience;

/// <summary>Refuses a schedule that cannot work and an entry for a queue the fleet does not have (a typo would go unused).</summary>
internal sealed class EndpointRetryOptionsValidator : IValidateOptions<EndpointRetryOptions>
{
    public ValidateOptionsResult Validate(string? name, EndpointRetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(failures, "Default", options.Default);
        foreach (var (queue, schedule) in options.Endpoints)
        {
            if (!FleetQueues.All.Contains(queue, StringComparer.Ordinal))
            {
                failures.Add($"{EndpointRetryOptions.Section}:Endpoints:{queue} names no queue of the fleet ({string.Join(", ", FleetQueues.All)}).");
            }

            Check(failures, $"Endpoints:{queue}", schedule);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, RetrySchedule schedule)
    {
        if (schedule.RetryLimit < 0 || schedule.MinIntervalMs < 0 || schedule.IntervalDeltaMs < 0 || schedule.MaxIntervalMs < schedule.MinIntervalMs)
        {
            failures.Add(
                $"{EndpointRetryOptions.Section}:{key}: RetryLimit, MinIntervalMs and IntervalDeltaMs must be 0 or more and MaxIntervalMs at least MinIntervalMs " +
                $"(now {schedule.RetryLimit}, {schedule.MinIntervalMs}, {schedule.IntervalDeltaMs}, {schedule.MaxIntervalMs}).");
        }
    }
}
