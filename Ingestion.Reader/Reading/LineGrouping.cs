using System.Text;
using UglyToad.PdfPig.Content;

namespace Ingestion.Reader.Reading;

/// <summary>
/// A page's words grouped into lines, top to bottom, each line's words left to right. Words come sorted by baseline
/// from the top, so a word either joins the line just above it or starts a new one: no earlier line can be closer,
/// which keeps the grouping O(N log N) where a search of all lines was O(N²) (SECURITY-REVIEW M4).
/// </summary>
internal static class LineGrouping
{
    public static IReadOnlyList<string> Lines(IReadOnlyList<Word> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var lines = new List<(double Baseline, List<Word> Words)>();
        foreach (var word in words.OrderByDescending(w => w.BoundingBox.Bottom).ThenBy(w => w.BoundingBox.Left))
        {
            // Words on one printed line share a baseline to within a fraction of the font size.
            if (lines.Count > 0 && Math.Abs(lines[^1].Baseline - word.BoundingBox.Bottom) < Math.Max(2, word.BoundingBox.Height * 0.4))
            {
                lines[^1].Words.Add(word);
            }
            else
            {
                lines.Add((word.BoundingBox.Bottom, [word]));
            }
        }

        return lines
            .Select(l => l.Words.OrderBy(w => w.BoundingBox.Left).Aggregate(new StringBuilder(), (text, w) => text.Append(text.Length == 0 ? string.Empty : " ").Append(w.Text)).ToString())
            .ToList();
    }
}
