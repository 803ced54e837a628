using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingestion.Consumers.Artifacts;

/// <summary>
/// Dates as sites write them, found in a line and recorded as <c>yyyy-MM-dd</c>: <c>2026-01-17</c>, <c>17 January 2026</c>,
/// <c>January 17, 2026</c>, <c>17 Jan 2026</c>, <c>17.01.2026</c> and <c>01/17/2026</c> (slashes are read month first, as
/// on US forms). Invariant culture, so the same text is the same date on every worker.
/// </summary>
internal static partial class WrittenDate
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-M-d", "d MMMM yyyy", "d MMM yyyy", "MMMM d yyyy", "MMM d yyyy", "d.M.yyyy", "M/d/yyyy",
    ];

    /// <summary>The first date in <paramref name="text"/>, as <c>yyyy-MM-dd</c>, or null.</summary>
    public static string? FindIn(string text)
    {
        foreach (Match match in Candidate().Matches(text))
        {
            var cleaned = match.Value.Replace(",", string.Empty, StringComparison.Ordinal).Replace(". ", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal).Trim();
            if (DateOnly.TryParseExact(cleaned, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
            {
                return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>A recorded date.</summary>
    public static DateOnly Parse(string recorded) => DateOnly.ParseExact(recorded, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}/\d{1,2}/\d{4})\b", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Candidate();
}
