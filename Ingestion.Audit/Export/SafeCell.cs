using System.Buffers;
using System.Globalization;
using System.Text;

namespace Ingestion.Audit.Export;

/// <summary>
/// Ledger values shown to a person: reasons, actors and ids trace back to what sites and operators typed, so they may
/// hold terminal escapes or spreadsheet formulas (SECURITY-REVIEW M8). Neither is ever passed on live.
/// </summary>
public static class SafeCell
{
    // C0 but the tab, DEL and C1, the bidi marks, embeddings, overrides and isolates, and the line and paragraph separators.
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        Enumerable.Range(0, 0x20).Where(c => c != '\t').Concat(Enumerable.Range(0x7F, 0x21))
            .Concat([0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069])
            .Select(c => (char)c).ToArray());

    /// <summary>
    /// <paramref name="text"/> for a terminal: every control character (C0, DEL, C1), bidi control and line or paragraph
    /// separator written as <c>\u{XXXX}</c>, so that the text is printed as it is and cannot move the cursor, recolour,
    /// retitle the window or reorder what follows. Line feeds are kept when <paramref name="keepLineFeeds"/> (a writer's
    /// own line ends); tabs are always kept.
    /// </summary>
    public static string ForTerminal(string text, bool keepLineFeeds = false)
    {
        if (!text.AsSpan().ContainsAny(Unsafe))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Unsafe.Contains(c) && !(keepLineFeeds && c == '\n'))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{{{(int)c:X4}}}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// <paramref name="field"/> for a spreadsheet: a cell that Excel or LibreOffice would read as a formula (starting with
    /// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) is prefixed with <c>'</c>, which both show as
    /// text, OWASP's advice for CSV injection. The field is otherwise unchanged; quoting is the writer's.
    /// </summary>
    public static string ForSpreadsheet(string field) =>
        field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + field : field;
}
