using System.Globalization;

namespace Ingestion.Lab.Report;

/// <summary>Prints a run's figures as the benchmark's summary.</summary>
public static class PipelineSummary
{
    /// <summary>Writes <paramref name="figures"/> to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, PipelineFigures figures)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(figures);
        var c = figures.Counts;
        var states = string.Join(", ", figures.ByFinalState.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Value} {s.Key}"));
        output.WriteLine(Invariant($"documents                {figures.Documents} ({states}), {c.Workers} worker processes"));
        output.WriteLine(Invariant($"throughput               {figures.DocumentsPerSecond:F1} documents/s ({figures.Documents} in {figures.WindowSeconds:F1} s, first submission to last final state)"));
        output.WriteLine(Invariant($"latency to final state   p50 {figures.Latency.P50:F0} ms, p95 {figures.Latency.P95:F0} ms, p99 {figures.Latency.P99:F0} ms, max {figures.Latency.Max:F0} ms"));
        output.WriteLine(Invariant($"latency to audited       p50 {figures.AuditedLatency.P50:F0} ms, p95 {figures.AuditedLatency.P95:F0} ms, p99 {figures.AuditedLatency.P99:F0} ms"));
        output.WriteLine(Invariant($"messages per document    {figures.MessagesPerDocument:F2} published, {figures.DeliveriesPerDocument:F2} delivered ({c.MessagesPublished} / {c.MessagesDelivered} over {c.DocumentsCounted} documents)"));
        output.WriteLine(Invariant($"db transactions/document {figures.TransactionsPerDocument:F2} ({c.TransactionsCommitted} commits)"));
        if (figures.Efficiency is { } ratio)
        {
            output.WriteLine(Invariant(
                $"efficiency ratio         {ratio:P1} = {figures.DocumentsPerSecond:F1} documents/s ÷ {c.FloorMessagesPerSecond:F1} messages/s of the durable floor"));
        }

        output.WriteLine();
        output.WriteLine("where the time goes (per document; work = the stage consumer's own time, the rest is queueing, hand-off and the saga)");
        output.WriteLine($"{"LEG",-9} {"SPAN",-42} {"MEAN ms",8} {"P50 ms",8} {"P95 ms",8} {"SHARE",6} {"WORK ms",8}");
        var total = figures.Latency.Mean;
        foreach (var s in figures.Segments)
        {
            var share = s.Name == "audit" ? "-" : (s.Duration.Mean / total).ToString("P0", CultureInfo.InvariantCulture);
            output.WriteLine(Invariant(
                $"{s.Name,-9} {s.Span,-42} {s.Duration.Mean,8:F1} {s.Duration.P50,8:F1} {s.Duration.P95,8:F1} {share,6} {(s.WorkMs is { } w ? w.ToString("F1", CultureInfo.InvariantCulture) : "-"),8}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
