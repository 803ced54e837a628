using System.Text.RegularExpressions;
using Ingestion.Consumers.Templates;

namespace Ingestion.Consumers.Parsing;

/// <summary>
/// How a field's value is found on a line: <c>Label: value</c>, the value matching the field's pattern in full.
/// Labels compare without case or punctuation. OCR leaves stray marks (specks read as <c>|</c>, <c>.</c>, <c>7</c>)
/// at the ends of lines; a value that only fits once such one-character tokens are dropped from its ends is taken
/// without them, and a value that fits as read is never changed.
/// </summary>
internal static class LabelMatch
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>The value after <paramref name="label"/> on <paramref name="line"/> if the line is that label's and the value fits.</summary>
    public static string? ValueAfter(string line, string label, TemplateField field)
    {
        var (lineLabel, value) = Split(line);
        return lineLabel is not null && Normalize(lineLabel) == Normalize(label) ? FittingValue(value, field) : null;
    }

    /// <summary>The line's label and value, after dropping punctuation-only tokens in front of the label.</summary>
    public static (string? Label, string Value) Split(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return (null, line.Trim());
        }

        var label = string.Join(' ', line[..colon].Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(t => !t.Any(char.IsLetterOrDigit)));
        return (label.Length == 0 ? null : label, line[(colon + 1)..].Trim());
    }

    /// <summary>The value as read if it fits the field, else the value without stray one-character tokens at its ends if that fits.</summary>
    public static string? FittingValue(string value, TemplateField field)
    {
        if (Fits(value, field))
        {
            return value;
        }

        var tokens = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (tokens.Count > 1 && IsStray(tokens[0]))
        {
            tokens.RemoveAt(0);
        }

        while (tokens.Count > 1 && IsStray(tokens[^1]))
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        var cleaned = string.Join(' ', tokens);
        return cleaned != value && Fits(cleaned, field) ? cleaned : null;
    }

    /// <summary>Whether the whole value matches the field's pattern.</summary>
    public static bool Fits(string value, TemplateField field) =>
        Regex.IsMatch(value, $"^(?:{field.Pattern})$", RegexOptions.CultureInvariant, PatternTimeout);

    /// <summary>The first substring of <paramref name="text"/> that matches the field's pattern.</summary>
    public static string? FindIn(string text, TemplateField field)
    {
        var match = Regex.Match(text, field.Pattern, RegexOptions.CultureInvariant, PatternTimeout);
        return match.Success ? match.Value.Trim() : null;
    }

    /// <summary>Letters and digits only, lower case: <c>IRB/IEC. Name</c> and <c>IRB/IEC Name</c> are one label.</summary>
    public static string Normalize(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static bool IsStray(string token) => token.Length == 1 || !token.Any(char.IsLetterOrDigit);
}
