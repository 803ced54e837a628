using System.Collections.Concurrent;
using Ingestion.Audit.Ledger;
using Ingestion.Saga.Documents;
using MassTransit;

namespace Ingestion.UnitTests.Saga;

/// <summary>The audit entries the saga wrote, kept in memory instead of staged in a database transaction.</summary>
internal sealed class RecordedTransitions : ITransitionAuditWriter
{
    private readonly ConcurrentQueue<AuditEntry> _entries = new();

    public Task WriteAsync(ConsumeContext context, AuditEntry entry)
    {
        _entries.Enqueue(entry);
        return Task.CompletedTask;
    }

    /// <summary>One document's entries, in the order the saga wrote them.</summary>
    public IReadOnlyList<AuditEntry> Of(Guid correlationId) => _entries.Where(e => e.CorrelationId == correlationId).ToList();

    /// <summary>One document's entries as <c>ACTION FROM&gt;TO OUTCOME [CODE]</c>, the replay digest's form.</summary>
    public IReadOnlyList<string> TrailOf(Guid correlationId) =>
        Of(correlationId).Select(e => $"{e.Action} {e.FromState ?? "-"}>{e.ToState} {e.Outcome}{(e.ErrorCode is null ? string.Empty : " " + e.ErrorCode)}").ToList();
}
