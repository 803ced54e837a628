namespace Ingestion.Qualification.Replay;

/// <summary>One run of a replay.</summary>
/// <param name="Number">From 1.</param>
/// <param name="Namespace">Its schema and virtual host.</param>
/// <param name="Workers">Worker processes.</param>
/// <param name="Elapsed">From the first submission until every document was settled with its whole chain audited.</param>
/// <param name="Digest">The canonical outcome digest.</param>
/// <param name="Records">Every document's outcome.</param>
public sealed record ReplayRun(int Number, string Namespace, int Workers, TimeSpan Elapsed, string Digest, IReadOnlyList<DocumentRecord> Records)
{
    /// <summary>Transiently failed attempts that were retried, over all documents.</summary>
    public int Retries => Records.Sum(r => r.Retries.Count);

    /// <summary>Documents per state (and error code), for the report.</summary>
    public IReadOnlyDictionary<string, int> Outcomes =>
        Records.GroupBy(r => r.ErrorCode is null ? r.State : $"{r.State} {r.ErrorCode}")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
