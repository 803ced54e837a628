namespace Ingestion.Operations.DeadLetters;

/// <summary>Dead letters of one queue sharing exception type, site and error code: what <c>ingest dlq list</c> prints.</summary>
public sealed record DeadLetterGroup(string Queue, string ExceptionType, string SiteId, string ErrorCode, int Count, DateTimeOffset? OldestFaultAt)
{
    /// <summary>Groups the letters, largest group first within each queue.</summary>
    public static IReadOnlyList<DeadLetterGroup> Summarize(IEnumerable<DeadLetter> letters) =>
        letters
            .GroupBy(l => (l.Queue, l.ExceptionType, l.SiteId, l.ErrorCode))
            .Select(g => new DeadLetterGroup(
                g.Key.Queue, g.Key.ExceptionType, g.Key.SiteId, g.Key.ErrorCode, g.Count(), g.Min(l => l.FaultedAt)))
            .OrderBy(g => g.Queue, StringComparer.Ordinal)
            .ThenByDescending(g => g.Count)
            .ThenBy(g => g.OldestFaultAt)
            .ToList();
}
