namespace Ingestion.Lab.Report;

/// <summary>Mean and percentiles of a set of durations in milliseconds.</summary>
public sealed record Distribution(int Count, double Mean, double P50, double P95, double P99, double Max)
{
    /// <summary>Summarizes <paramref name="milliseconds"/>; an empty set gives NaN figures.</summary>
    public static Distribution Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        return new Distribution(
            sorted.Count,
            sorted.Count == 0 ? double.NaN : sorted.Average(),
            Percentiles.Of(sorted, 50),
            Percentiles.Of(sorted, 95),
            Percentiles.Of(sorted, 99),
            sorted.Count == 0 ? double.NaN : sorted[^1]);
    }
}
