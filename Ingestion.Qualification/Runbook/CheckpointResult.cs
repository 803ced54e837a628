namespace Ingestion.Qualification.Runbook;

/// <summary>One checkpoint of the validation runbook: its verdict, a one-line summary, figures and findings.</summary>
public sealed record CheckpointResult
{
    /// <summary>Its stable id, e.g. <c>deterministic-replay</c>.</summary>
    public required string Id { get; init; }

    /// <summary>What it shows, in words.</summary>
    public required string Title { get; init; }

    /// <summary>The verdict.</summary>
    public required CheckpointVerdict Verdict { get; init; }

    /// <summary>One line: why this verdict.</summary>
    public required string Summary { get; init; }

    /// <summary>Named figures, in the order measured.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Figures { get; init; } = [];

    /// <summary>What was checked and found, one line each; for a failure, what failed first.</summary>
    public IReadOnlyList<string> Findings { get; init; } = [];

    /// <summary>How long it took, in seconds.</summary>
    public double Seconds { get; init; }
}
