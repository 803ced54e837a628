namespace Ingestion.Qualification.Replay;

/// <summary>What a replay found.</summary>
/// <param name="Dataset">The dataset replayed.</param>
/// <param name="Runs">Each run.</param>
/// <param name="Differences">Per run that differs from run 1: the first differing documents and how.</param>
public sealed record ReplayReport(ReplayDatasetFolder Dataset, IReadOnlyList<ReplayRun> Runs, IReadOnlyList<string> Differences)
{
    /// <summary>Every run gave the same digest.</summary>
    public bool Identical => Runs.Count > 0 && Runs.All(r => r.Digest == Runs[0].Digest);
}
