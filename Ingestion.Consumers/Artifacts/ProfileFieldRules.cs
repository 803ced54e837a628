using System.Text.RegularExpressions;
using Ingestion.Consumers.Parsing;
using Ingestion.Contracts;

namespace Ingestion.Consumers.Artifacts;

/// <summary>
/// The rules that find a free-form profile's fields in a document's lines. A label (tried in the profile's order, the
/// most specific first) starts a line, without case or punctuation, and the rest of the line is a value of the field's
/// kind; or the label stands alone and the next line of the page is the value, at a lower confidence (tier
/// <c>HEURISTIC</c>). A <see cref="FieldKind.Present"/> field is the label anywhere on a line. Same lines, same fields.
/// </summary>
internal static partial class ProfileFieldRules
{
    private const double NextLineWeight = 0.9;

    public static IReadOnlyList<ExtractedField> Find(ArtifactProfile profile, IReadOnlyList<SourceLine> lines)
    {
        var found = new List<ExtractedField>();
        foreach (var field in profile.Fields)
        {
            if (FindOne(field, lines) is { } value)
            {
                found.Add(value);
            }
        }

        return found;
    }

    private static ExtractedField? FindOne(ProfileField field, IReadOnlyList<SourceLine> lines)
    {
        foreach (var label in field.Labels)
        {
            var wanted = Words(label);
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (field.Kind == FieldKind.Present)
                {
                    if (line.Text.Contains(label, StringComparison.OrdinalIgnoreCase))
                    {
                        return Field(field, "yes", line, line.Tier, line.Confidence);
                    }

                    continue;
                }

                if (RestAfter(line.Text, wanted) is not { } rest)
                {
                    continue;
                }

                if (rest.Length > 0)
                {
                    if (ValueOf(field.Kind, rest) is { } value)
                    {
                        return Field(field, value, line, line.Tier, line.ConfidenceOf(value));
                    }
                }
                else if (i + 1 < lines.Count && lines[i + 1].Page == line.Page && ValueOf(field.Kind, lines[i + 1].Text.Trim()) is { } below)
                {
                    return Field(field, below, lines[i + 1], ExtractionTiers.Heuristic, NextLineWeight * lines[i + 1].ConfidenceOf(below));
                }
            }
        }

        return null;
    }

    /// <summary>A value of <paramref name="kind"/> in <paramref name="text"/>, as recorded, or null.</summary>
    public static string? ValueOf(FieldKind kind, string text)
    {
        var value = text.Trim().TrimStart(':', '-', '–', '.', ' ').TrimEnd(' ', ',', ';');
        return kind switch
        {
            FieldKind.Date => WrittenDate.FindIn(value),
            FieldKind.Name => PersonName().IsMatch(value) ? value.TrimEnd('.') : null,
            FieldKind.Number => NumberToken().Match(value) is { Success: true } number ? number.Value : null,
            FieldKind.Text => value.Length is >= 3 and <= 120 && value.Any(char.IsLetter) ? value : null,
            FieldKind.Present => "yes",
            _ => null,
        };
    }

    // The line's text after its first words if they are the label's words, else null.
    private static string? RestAfter(string text, IReadOnlyList<string> label)
    {
        var position = 0;
        foreach (var word in label)
        {
            while (position < text.Length && !char.IsLetterOrDigit(text[position]))
            {
                position++;
            }

            var start = position;
            while (position < text.Length && char.IsLetterOrDigit(text[position]))
            {
                position++;
            }

            if (!text.AsSpan(start, position - start).Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        // The label must end a word: "Date" does not start "Dated".
        return position < text.Length && char.IsLetterOrDigit(text[position]) ? null : text[position..].Trim();
    }

    private static List<string> Words(string label) =>
        Regex.Split(label, @"[^\p{L}\p{Nd}]+").Where(w => w.Length > 0).ToList();

    private static ExtractedField Field(ProfileField field, string value, SourceLine line, string tier, double confidence) => new()
    {
        Name = field.Name, Value = value, Tier = tier, Confidence = Math.Round(confidence, 4), Page = line.Page,
    };

    [GeneratedRegex(@"^\p{Lu}[\p{L}.'’-]*(?:,?\s+\p{L}[\p{L}.'’-]*){1,5}$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex PersonName();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?=[A-Za-z0-9/.-]*\d)[A-Za-z0-9][A-Za-z0-9/.-]{2,23}(?![A-Za-z0-9])", RegexOptions.CultureInvariant, 250)]
    private static partial Regex NumberToken();
}
