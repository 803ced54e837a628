using System.Globalization;

namespace Ingestion.Consumers.Parsing.Ocr;

/// <summary>
/// Builds lines from Tesseract's TSV output, fed one row at a time as it streams in. Words (level 5) are grouped by
/// block, paragraph and line in the order Tesseract writes them, which is its reading order.
/// </summary>
internal sealed class OcrLineAssembler
{
    private const int WordLevel = 5;
    private const int ColumnCount = 12;

    private readonly List<(string Key, List<string> Words, List<double> Confidences)> lines = [];
    private double pageConfidenceSum;
    private int wordCount;
    private bool headerSeen;

    public void Add(string row)
    {
        if (!headerSeen)
        {
            // The first row names the columns.
            headerSeen = true;
            return;
        }

        if (row.Length == 0)
        {
            return;
        }

        var columns = row.Split('\t');
        if (columns.Length < ColumnCount - 1 || !int.TryParse(columns[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var level))
        {
            throw new InvalidOperationException($"Unexpected Tesseract TSV row: '{row}'.");
        }

        if (level != WordLevel)
        {
            return;
        }

        if (!double.TryParse(columns[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence))
        {
            throw new InvalidOperationException($"Unexpected Tesseract TSV confidence in row: '{row}'.");
        }

        // A word without text has no confidence (-1); Tesseract also emits them for empty regions.
        var text = columns.Length >= ColumnCount ? columns[11].Trim() : string.Empty;
        if (confidence < 0 || text.Length == 0)
        {
            return;
        }

        var key = string.Join('/', columns[1], columns[2], columns[3], columns[4]);
        if (lines.Count == 0 || !string.Equals(lines[^1].Key, key, StringComparison.Ordinal))
        {
            lines.Add((key, [], []));
        }

        var line = lines[^1];
        line.Words.Add(text);
        line.Confidences.Add(confidence / 100);
        pageConfidenceSum += confidence;
        wordCount++;
    }

    public OcrPage Build(int pageNumber)
    {
        var built = lines
            .Select(l => new OcrLine(string.Join(' ', l.Words), l.Confidences.Average(), l.Confidences))
            .ToList();
        return new OcrPage(pageNumber, built, wordCount == 0 ? 0 : pageConfidenceSum / wordCount / 100);
    }
}
