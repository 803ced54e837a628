namespace Ingestion.Qualification.Runbook;

/// <summary>The runbook's report: when, where, and each checkpoint.</summary>
public sealed record RunbookReport
{
    /// <summary>When it started (UTC, ISO 8601).</summary>
    public required string StartedAt { get; init; }

    /// <summary>The machine it ran on.</summary>
    public required string Machine { get; init; }

    /// <summary>Its total duration in seconds.</summary>
    public required double Seconds { get; init; }

    /// <summary>The four checkpoints, in the protocol's order.</summary>
    public required IReadOnlyList<CheckpointResult> Checkpoints { get; init; }

    /// <summary>Every checkpoint passed.</summary>
    public bool Passed => Checkpoints.Count > 0 && Checkpoints.All(c => c.Verdict == CheckpointVerdict.Passed);
}
