using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingestion.Lab.Report;

/// <summary>
/// The stages' own work per document, from the workers' Prometheus scrapes of <c>ingestion.stage.duration</c>
/// (sum and count of every worker, all outcomes): the time inside the consumer, without queueing or the saga.
/// </summary>
internal static partial class StageWork
{
    /// <summary>Mean milliseconds per stage over every scrape given; empty when there are none.</summary>
    public static IReadOnlyDictionary<string, double> MeanMilliseconds(IEnumerable<string> scrapes)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in scrapes.SelectMany(s => s.Split('\n')))
        {
            var match = Sample().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var stage = match.Groups["stage"].Value;
            var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            var into = match.Groups["kind"].Value == "sum" ? sums : counts;
            into[stage] = into.GetValueOrDefault(stage) + value;
        }

        return sums.Where(s => counts.GetValueOrDefault(s.Key) > 0)
            .ToDictionary(s => s.Key, s => s.Value / counts[s.Key], StringComparer.Ordinal);
    }

    [GeneratedRegex("""^ingestion_stage_duration_milliseconds_(?<kind>sum|count)\{[^}]*stage="(?<stage>[a-z]+)"[^}]*\}\s+(?<value>[0-9.eE+-]+)""")]
    private static partial Regex Sample();
}
