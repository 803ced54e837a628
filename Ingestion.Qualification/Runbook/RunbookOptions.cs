namespace Ingestion.Qualification.Runbook;

/// <summary>How to run the validation runbook.</summary>
public sealed record RunbookOptions
{
    /// <summary>The checkpoint ids.</summary>
    public static readonly IReadOnlyList<string> CheckpointIds = ["deterministic-replay", "backpressure", "schema-drift", "audit-reconstruction"];

    /// <summary>Where runbook.md and runbook.json go.</summary>
    public required string ReportDirectory { get; init; }

    /// <summary>A dataset to replay (ingest samples --dataset); when null the runbook writes a small one with a schema-drift packet.</summary>
    public string? Dataset { get; init; }

    /// <summary>Documents of the dataset the runbook writes (plus 27 of the drift packet).</summary>
    public int Documents { get; init; } = 36;

    /// <summary>Its seed.</summary>
    public int Seed { get; init; } = 1572;

    /// <summary>Replay runs, with worker counts cycled over them.</summary>
    public IReadOnlyList<int> ReplayWorkers { get; init; } = [1, 2];

    /// <summary>Documents pushed through the throttled database.</summary>
    public int BackpressureDocuments { get; init; } = 60;

    /// <summary>Worker processes of the backpressure drill.</summary>
    public int BackpressureWorkers { get; init; } = 2;

    /// <summary>The breaker must open within this much of the throttle.</summary>
    public TimeSpan BreakerDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the escalated outage lasts when the 10% throttle opened no breaker.</summary>
    public TimeSpan OutageWait { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long any one wait for documents to settle may take.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The checkpoints to run; the others are reported NOT RUN.</summary>
    public IReadOnlySet<string> Selected { get; init; } = CheckpointIds.ToHashSet(StringComparer.Ordinal);
}
