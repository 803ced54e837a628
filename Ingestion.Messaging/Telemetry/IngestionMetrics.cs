using System.Diagnostics.Metrics;

namespace Ingestion.Messaging.Telemetry;

/// <summary>
/// The fleet's metrics, with names that dashboards and alerts can rely on: documents per final state and error code,
/// per-stage latency, retries and breaker transitions.
/// </summary>
public sealed class IngestionMetrics
{
    /// <summary>The meter's name, to subscribe exporters to.</summary>
    public const string MeterName = "Ingestion";

    private readonly Counter<long> _finalDocuments;
    private readonly Histogram<double> _stageDuration;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _breakerTransitions;
    private readonly Meter _meter;
    private long _outboxBacklog;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public IngestionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = _meter = meterFactory.Create(MeterName);
        _finalDocuments = meter.CreateCounter<long>("ingestion.documents.final", "{document}", "Documents that reached a final state.");
        _stageDuration = meter.CreateHistogram<double>("ingestion.stage.duration", "ms", "Time a stage took for one document.");
        _retries = meter.CreateCounter<long>("ingestion.stage.retries", "{attempt}", "Failed attempts that will be retried.");
        _breakerTransitions = meter.CreateCounter<long>("ingestion.breaker.transitions", "{transition}", "Circuit breakers opened or closed.");
        meter.CreateObservableGauge(
            "ingestion.outbox.backlog", () => Interlocked.Read(ref _outboxBacklog), "{message}", "Messages written to the outbox and not yet delivered.");
    }

    /// <summary>A document became final.</summary>
    public void DocumentFinal(string state, string? errorCode, string siteId) =>
        _finalDocuments.Add(1, new("state", state), new("error_code", errorCode ?? "none"), new("site", siteId));

    /// <summary>A stage finished with one document.</summary>
    public void StageCompleted(string stage, double milliseconds, string outcome) =>
        _stageDuration.Record(milliseconds, new("stage", stage), new("outcome", outcome));

    /// <summary>A stage's attempt failed and will be tried again.</summary>
    public void Retried(string stage) => _retries.Add(1, new KeyValuePair<string, object?>("stage", stage));

    /// <summary>Messages in the outbox at the relay's last look.</summary>
    public long OutboxBacklog
    {
        get => Interlocked.Read(ref _outboxBacklog);
        set => Interlocked.Exchange(ref _outboxBacklog, value);
    }

    /// <summary>Reports each breaker's state (1 open, 0 closed) as the <c>ingestion.breaker.state</c> gauge.</summary>
    public void ObserveBreakers(Func<IEnumerable<(string Endpoint, bool Open)>> breakers)
    {
        ArgumentNullException.ThrowIfNull(breakers);
        _meter.CreateObservableGauge(
            "ingestion.breaker.state",
            () => breakers().Select(b => new Measurement<int>(b.Open ? 1 : 0, new KeyValuePair<string, object?>("endpoint", b.Endpoint))),
            "{state}",
            "Whether each endpoint's circuit breaker is open (1) or closed (0).");
    }

    /// <summary>A breaker opened or closed.</summary>
    public void BreakerTransition(string endpoint, string state) =>
        _breakerTransitions.Add(1, new("endpoint", endpoint), new("state", state));
}
