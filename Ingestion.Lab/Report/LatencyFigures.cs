using Ingestion.Contracts;
using Ingestion.Persistence.Database;

namespace Ingestion.Lab.Report;

/// <summary>How long a run's documents took from their packet's submission to their final state, and to the ledger.</summary>
/// <param name="Documents">Documents of the run's packets.</param>
/// <param name="Final">Those that became final.</param>
/// <param name="ToFinal">Submission to the final state, per final document.</param>
/// <param name="ToLedger">Submission to the final transition being chained on the ledger, per final document.</param>
/// <param name="WindowSeconds">From the first submission to the last final state.</param>
public sealed record LatencyFigures(int Documents, int Final, Distribution ToFinal, Distribution ToLedger, double WindowSeconds)
{
    /// <summary>Documents brought to a final state per second over the window.</summary>
    public double DocumentsPerSecond => WindowSeconds > 0 ? Final / WindowSeconds : double.NaN;

    /// <summary>The latency of the documents of <paramref name="packets"/>.</summary>
    public static async Task<LatencyFigures> BuildAsync(IngestionDatabase database, IReadOnlyCollection<Guid> packets, CancellationToken cancellationToken) =>
        Of(await TimelineQuery.LoadAsync(database, packets, cancellationToken));

    internal static LatencyFigures Of(IReadOnlyCollection<DocumentTimeline> documents)
    {
        var final = documents.Where(d => d.FinalizedAt is not null).ToList();
        return new LatencyFigures(
            documents.Count,
            final.Count,
            Distribution.Of(final.Select(d => (d.FinalizedAt!.Value - d.SubmittedAt).TotalMilliseconds)),
            Distribution.Of(final
                .Select(d => d.Chained.TryGetValue(DocumentState.DisplayOf(d.FinalState), out var chained) ? chained - d.SubmittedAt : (TimeSpan?)null)
                .Where(t => t is not null)
                .Select(t => t!.Value.TotalMilliseconds)),
            final.Count == 0 ? 0 : (final.Max(d => d.FinalizedAt!.Value) - documents.Min(d => d.SubmittedAt)).TotalSeconds);
    }
}
