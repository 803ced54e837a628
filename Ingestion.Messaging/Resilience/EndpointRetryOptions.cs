namespace Ingestion.Messaging.Resilience;

/// <summary>
/// The retry schedule of every endpoint, bound from <c>Ingestion:Retry</c>: <c>Default</c> for any endpoint without an
/// entry of its own under <c>Endpoints:&lt;queue&gt;</c>. The shipped schedules are in <c>appsettings.json</c>.
/// </summary>
public sealed class EndpointRetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Retry";

    /// <summary>The schedule of endpoints without an entry of their own.</summary>
    public RetrySchedule Default { get; set; } = new();

    /// <summary>Schedules by queue name (<see cref="Fleet.FleetQueues"/>).</summary>
    public Dictionary<string, RetrySchedule> Endpoints { get; } = new(StringComparer.Ordinal);

    /// <summary>The schedule of the endpoint on <paramref name="queue"/>.</summary>
    public RetrySchedule For(string queue) => Endpoints.TryGetValue(queue, out var schedule) ? schedule : Default;
}
