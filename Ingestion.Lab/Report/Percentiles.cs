namespace Ingestion.Lab.Report;

/// <summary>Nearest-rank percentiles: the value below which that share of the samples lies, always an observed value.</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
