using System.Collections.Concurrent;
using MassTransit;

namespace Ingestion.Messaging.Breakers;

/// <summary>
/// How long each of this process's breakers has been failing. A breaker half-opens after its timeout and, if the
/// dependency is still down, opens again; those cycles are one episode, so "open since" is the first opening of the
/// episode, and the episode ends only when the breaker has stayed closed for <see cref="SettleTime"/>.
/// </summary>
public sealed class BreakerStates
{
    private readonly ConcurrentDictionary<string, Episode> _episodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IConsumeObserver> _switches = new(StringComparer.Ordinal);

    /// <summary>How long a breaker must stay closed before a new opening starts a new episode.</summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Records that the breaker of <paramref name="endpoint"/> opened.</summary>
    public void Opened(string endpoint, DateTime at) =>
        _episodes.AddOrUpdate(
            endpoint,
            _ => new Episode(at, null),
            (_, episode) => episode.ClosedAt is { } closed && at - closed > SettleTime ? new Episode(at, null) : episode with { ClosedAt = null });

    /// <summary>Records that the breaker of <paramref name="endpoint"/> closed (half-open, taking messages again).</summary>
    public void Closed(string endpoint, DateTime at) => _episodes.AddOrUpdate(endpoint, _ => new Episode(at, at), (_, e) => e with { ClosedAt = at });

    /// <summary>The endpoints whose breaker is open now, with the start of their episode.</summary>
    public IReadOnlyDictionary<string, DateTime> OpenNow() =>
        _episodes.Where(e => e.Value.ClosedAt is null).ToDictionary(e => e.Key, e => e.Value.OpenSince, StringComparer.Ordinal);

    /// <summary>Every endpoint with a breaker in this process, and whether it is open now (for the state gauge).</summary>
    public IEnumerable<(string Endpoint, bool Open)> All() =>
        _switches.Keys.Select(e => (e, _episodes.TryGetValue(e, out var episode) && episode.ClosedAt is null));

    /// <summary>Remembers the breaker of <paramref name="endpoint"/>.</summary>
    public void Track(string endpoint, IConsumeObserver breaker) => _switches[endpoint] = breaker;

    /// <summary>
    /// Counts a failure that no consumer reported as a fault (a message parked for redelivery after its retries) against
    /// the breaker of <paramref name="endpoint"/>, so that a failing dependency still opens it.
    /// </summary>
    public Task CountFailureAsync<T>(string endpoint, ConsumeContext<T> context, Exception exception)
        where T : class =>
        _switches.TryGetValue(endpoint, out var breaker) ? breaker.ConsumeFault(context, exception) : Task.CompletedTask;

    private sealed record Episode(DateTime OpenSince, DateTime? ClosedAt);
}
