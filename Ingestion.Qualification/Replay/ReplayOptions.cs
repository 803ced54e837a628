namespace Ingestion.Qualification.Replay;

/// <summary>How to replay a dataset.</summary>
public sealed record ReplayOptions
{
    /// <summary>How many runs; at least 2 to compare anything.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Worker processes per run, cycled over the runs: <c>[1, 3]</c> gives runs of 1, 3, 1, … workers.</summary>
    public IReadOnlyList<int> Workers { get; init; } = [2];

    /// <summary>How long one run may take from its first submission until every document is settled.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long workers may take to start.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many differing documents to report.</summary>
    public int DifferenceLimit { get; init; } = 5;
}
