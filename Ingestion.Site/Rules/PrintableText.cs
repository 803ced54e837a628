using System.Globalization;
using System.Text;

namespace Ingestion.Site.Rules;

/// <summary>
/// The character rule for ids and names that sites choose, and a safe way to quote them in a reason. Refused: control
/// characters (NUL, ESC, CR, LF …), format characters (bidi overrides and isolates, zero-width joiners and spaces, the
/// BOM), line and paragraph separators, lone surrogates, private-use and unassigned code points.
/// </summary>
public static class PrintableText
{
    /// <summary>The first character that the rule refuses, as <c>U+XXXX</c>, or null when every character is allowed.</summary>
    public static string? FirstForbidden(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i += Width(text, i))
        {
            if (Forbidden(text, i) is { } codePoint)
            {
                return $"U+{codePoint:X4}";
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="text"/> for a reason or a terminal: at most <paramref name="max"/> characters, every character the
    /// rule refuses (and the backslash) written as <c>\u{XXXX}</c>, so that the quoted text is printable and one line.
    /// </summary>
    public static string Escape(string? text, int max = 80)
    {
        if (text is null)
        {
            return "(none)";
        }

        var builder = new StringBuilder();
        for (var i = 0; i < text.Length; i += Width(text, i))
        {
            if (builder.Length >= max)
            {
                builder.Append('…');
                break;
            }

            if (Forbidden(text, i) is { } codePoint)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{{{codePoint:X4}}}");
            }
            else if (text[i] == '\\')
            {
                builder.Append("\\u{5C}");
            }
            else
            {
                builder.Append(text, i, Width(text, i));
            }
        }

        return builder.ToString();
    }

    private static int Width(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;

    // The code point at i when the rule refuses it, else null.
    private static int? Forbidden(string text, int i)
    {
        if (Width(text, i) == 2)
        {
            return IsForbidden(CharUnicodeInfo.GetUnicodeCategory(text, i)) ? char.ConvertToUtf32(text[i], text[i + 1]) : null;
        }

        return char.IsSurrogate(text[i]) || IsForbidden(CharUnicodeInfo.GetUnicodeCategory(text[i])) ? text[i] : null;
    }

    private static bool IsForbidden(UnicodeCategory category) => category is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
}
