using System.Security.Cryptography;
using System.Text;

namespace Ingestion.Qualification.Replay;

/// <summary>
/// The canonical outcome digest of a run: SHA-256 over one canonical line per document, in ordinal order of
/// site and document id, so that neither the order documents finished in nor which worker took them can change it.
/// </summary>
public static class OutcomeDigest
{
    /// <summary>The digest of <paramref name="records"/> (lower-case hex).</summary>
    public static string Compute(IEnumerable<DocumentRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var record in records.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Line(record) + "\n"));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>A document's canonical line: fields separated by tabs, lists by <c>|</c>, absent values as <c>-</c>.</summary>
    public static string Line(DocumentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return string.Join(
            '\t',
            record.Key,
            record.State,
            record.ErrorCode ?? "-",
            record.TemplateId ?? "-",
            record.SchemaVersion ?? "-",
            Clean(record.Reason ?? "-"),
            string.Join('|', record.Transitions.Select(Clean)),
            string.Join('|', record.Fields.Select(Clean)));
    }

    // Tabs, bars and line breaks inside a value would make two different outcomes one line.
    private static string Clean(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal);
}
