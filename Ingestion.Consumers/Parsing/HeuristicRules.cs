using Ingestion.Consumers.Templates;
using Ingestion.Contracts;

namespace Ingestion.Consumers.Parsing;

/// <summary>
/// Tier 3, for fields the exact labels missed: (a) a label misread by OCR or slightly reworded (similar enough after
/// dropping case and punctuation) with a value that fits; (b) a line that names the field's key words and holds a
/// value of the field's format (a date near "signed", a number near "licence"). Lower confidence than the tiers
/// before it, so a weak match ends in manual review rather than in the archive unseen.
/// </summary>
internal static class HeuristicRules
{
    private const double SimilarLabel = 0.8;
    private const double SimilarLabelWeight = 0.95;
    private const double KeywordWeight = 0.6;

    public static ExtractedField? Find(TemplateField field, IReadOnlyList<SourceLine> lines)
    {
        var wanted = LabelMatch.Normalize(field.Label);
        foreach (var line in lines)
        {
            var (label, raw) = LabelMatch.Split(line.Text);
            if (label is null)
            {
                continue;
            }

            var similarity = Similarity(LabelMatch.Normalize(label), wanted);
            if (similarity >= SimilarLabel && LabelMatch.FittingValue(raw, field) is { } value)
            {
                return Field(field, value, line, similarity * SimilarLabelWeight);
            }
        }

        var keywords = field.Label.Split([' ', '/', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 4).Select(w => w.ToUpperInvariant()).ToList();
        foreach (var line in lines)
        {
            var upper = line.Text.ToUpperInvariant();
            if (keywords.Count > 0 && keywords.Any(upper.Contains) && LabelMatch.FindIn(AfterColon(line.Text), field) is { } value)
            {
                return Field(field, value, line, KeywordWeight);
            }
        }

        return null;
    }

    private static ExtractedField Field(TemplateField field, string value, SourceLine line, double weight) => new()
    {
        Name = field.Name,
        Value = value,
        Tier = ExtractionTiers.Heuristic,
        Confidence = Math.Round(weight * line.ConfidenceOf(value), 4),
        Page = line.Page,
    };

    private static string AfterColon(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? text : text[(colon + 1)..];
    }

    // 1 - Levenshtein distance / longer length: 1 for equal strings, 0 for nothing in common.
    private static double Similarity(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return 1.0 - ((double)previous[b.Length] / Math.Max(a.Length, b.Length));
    }
}
