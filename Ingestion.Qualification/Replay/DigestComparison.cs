namespace Ingestion.Qualification.Replay;

/// <summary>How two runs' outcomes differ, document by document, in the digest's order.</summary>
public static class DigestComparison
{
    /// <summary>The first <paramref name="limit"/> documents whose outcomes differ, each with how; none when they agree.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<DocumentRecord> first, IReadOnlyList<DocumentRecord> second, int limit = 5)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var a = first.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var b = second.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var differences = new List<string>();
        foreach (var key in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            if (differences.Count >= limit)
            {
                break;
            }

            if (!a.TryGetValue(key, out var left) || !b.TryGetValue(key, out var right))
            {
                differences.Add($"{key}: only in run {(a.ContainsKey(key) ? "A" : "B")}");
                continue;
            }

            var how = How(left, right);
            if (how.Count > 0)
            {
                differences.Add($"{key}: {string.Join("; ", how)}");
            }
        }

        return differences;
    }

    private static List<string> How(DocumentRecord a, DocumentRecord b)
    {
        var how = new List<string>();
        Compare(how, "state", a.State, b.State);
        Compare(how, "error code", a.ErrorCode, b.ErrorCode);
        Compare(how, "template", a.TemplateId, b.TemplateId);
        Compare(how, "schema", a.SchemaVersion, b.SchemaVersion);
        Compare(how, "reason", a.Reason, b.Reason);
        CompareLists(how, "transition", a.Transitions, b.Transitions);
        CompareLists(how, "field", a.Fields, b.Fields);
        return how;
    }

    private static void Compare(List<string> how, string what, string? a, string? b)
    {
        if (!string.Equals(a, b, StringComparison.Ordinal))
        {
            how.Add($"{what} '{a ?? "-"}' vs '{b ?? "-"}'");
        }
    }

    private static void CompareLists(List<string> how, string what, IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            var left = i < a.Count ? a[i] : "(none)";
            var right = i < b.Count ? b[i] : "(none)";
            if (!string.Equals(left, right, StringComparison.Ordinal))
            {
                how.Add($"{what} {i + 1} '{left}' vs '{right}'");
                return;
            }
        }
    }
}
