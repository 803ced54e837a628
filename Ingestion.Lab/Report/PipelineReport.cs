using Ingestion.Contracts;
using Ingestion.Persistence.Database;

namespace Ingestion.Lab.Report;

/// <summary>
/// Turns a finished run into figures: throughput and latency from the saga table, the legs of each document's path
/// from the audit ledger's transition times, and the stages' own work from the workers' metrics.
/// </summary>
public static class PipelineReport
{
    // The legs between the transitions the saga records; each covers the hand-off to a stage, the stage, and the
    // saga's consumption of its result.
    private static readonly (string Name, string From, string[] To)[] Legs =
    [
        ("validate", DocumentState.Validating.Display, [DocumentState.Parsing.Display, DocumentState.Rejected.Display]),
        ("parse", DocumentState.Parsing.Display, [DocumentState.Parsed.Display, DocumentState.ManualReview.Display, DocumentState.Rejected.Display]),
        ("archive", DocumentState.Parsed.Display, [DocumentState.Archived.Display, DocumentState.Rejected.Display]),
    ];

    /// <summary>Builds the figures of the documents of <paramref name="packets"/>.</summary>
    /// <exception cref="InvalidOperationException">None of those documents is in the database, or none became final.</exception>
    public static async Task<PipelineFigures> BuildAsync(
        IngestionDatabase database, IReadOnlyCollection<Guid> packets, IEnumerable<string> metricScrapes, PipelineCounts counts,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var documents = await TimelineQuery.LoadAsync(database, packets, cancellationToken);
        var final = documents.Where(d => d.FinalizedAt is not null).ToList();
        if (final.Count == 0)
        {
            throw new InvalidOperationException(
                $"None of the {documents.Count} documents of the {packets.Count} packets in schema {database.Schema} is final.");
        }

        var work = StageWork.MeanMilliseconds(metricScrapes);
        var segments = new List<StageSegment>
        {
            new("intake", $"submitted → {DocumentState.Received}", Distribution.Of(Between(documents, d => d.SubmittedAt, d => Entered(d, DocumentState.Received.Display))), null),
        };
        foreach (var (name, from, to) in Legs)
        {
            segments.Add(new StageSegment(
                name,
                $"{from} → {string.Join("|", to)}",
                Distribution.Of(Between(documents, d => Entered(d, from), d => to.Select(s => Entered(d, s)).FirstOrDefault(t => t is not null))),
                work.TryGetValue(name, out var ms) ? ms : null));
        }

        segments.Add(new StageSegment(
            "audit",
            "final transition → chained on the ledger",
            Distribution.Of(Between(final, d => Entered(d, Display(d.FinalState)), d => Chained(d, Display(d.FinalState)))),
            null));

        var first = documents.Min(d => d.SubmittedAt);
        var last = final.Max(d => d.FinalizedAt!.Value);
        var latency = LatencyFigures.Of(documents);
        return new PipelineFigures(
            documents.Count,
            documents.GroupBy(d => Display(d.FinalState)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            (last - first).TotalSeconds,
            latency.ToFinal,
            latency.ToLedger,
            segments,
            counts);
    }

    private static IEnumerable<double> Between(
        IEnumerable<DocumentTimeline> documents, Func<DocumentTimeline, DateTime?> from, Func<DocumentTimeline, DateTime?> to) =>
        documents.Select(d => (From: from(d), To: to(d)))
            .Where(p => p.From is not null && p.To is not null)
            .Select(p => (p.To!.Value - p.From!.Value).TotalMilliseconds);

    private static DateTime? Entered(DocumentTimeline document, string state) =>
        document.Entered.TryGetValue(state, out var at) ? at : null;

    private static DateTime? Chained(DocumentTimeline document, string state) =>
        document.Chained.TryGetValue(state, out var at) ? at : null;

    // The saga table keeps the state machine's names (ManualReview); the ledger the product's (MANUAL_REVIEW).
    private static string Display(string state) => DocumentState.DisplayOf(state);
}
