using System.Globalization;
using Ingestion.Audit.Export;
using Ingestion.Audit.Ledger;
using Ingestion.Contracts;
using Ingestion.Saga.Packets;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Qualification.Replay;

/// <summary>
/// Reads a namespace's outcomes: state, error, template and fields from the saga table; transitions from the audit
/// ledger. Audit entries of an older ledger may have been appended out of order by concurrent audit consumers, so transitions
/// are put in causal order by following each entry's from-state to the previous entry's to-state, not by seq.
/// </summary>
internal static class OutcomeReader
{
    /// <summary>The records, and how many documents' audited chains do not yet run from receipt to their state.</summary>
    public static async Task<(IReadOnlyList<DocumentRecord> Records, int Incomplete)> ReadAsync(
        IServiceProvider services, IReadOnlyCollection<Guid> packetIds, CancellationToken cancellationToken)
    {
        var sagas = await services.GetRequiredService<PacketStatusQueries>().InstancesAsync(packetIds, cancellationToken);
        var wanted = sagas.Select(s => s.CorrelationId).ToHashSet();
        var entries = new Dictionary<Guid, List<AuditEntry>>();
        await foreach (var entry in services.GetRequiredService<AuditLedger>().ReadAsync(cancellationToken: cancellationToken))
        {
            if (!wanted.Contains(entry.Event.CorrelationId))
            {
                continue;
            }

            if (!entries.TryGetValue(entry.Event.CorrelationId, out var list))
            {
                entries[entry.Event.CorrelationId] = list = [];
            }

            list.Add(entry.Event);
        }

        var records = new List<DocumentRecord>();
        var incomplete = 0;
        foreach (var saga in sagas)
        {
            var state = DocumentState.DisplayOf(saga.CurrentState);
            // A retry after a transient fault is audited as a step from a state to itself. Whether one happens depends on
            // load and timing, as wall-clock times do, so it is kept beside the outcome, not in it.
            var audited = entries.GetValueOrDefault(saga.CorrelationId) ?? [];
            var retries = audited.Where(e => e.FromState == e.ToState).ToList();
            var (chain, complete) = CausalChain(audited.Where(e => e.FromState != e.ToState).ToList(), state);
            if (!complete)
            {
                incomplete++;
            }

            records.Add(new DocumentRecord(
                saga.SiteId,
                saga.Document?.DocumentId ?? saga.CorrelationId.ToString(),
                state,
                saga.ErrorCode,
                saga.TemplateId,
                saga.SchemaVersion,
                saga.Reason,
                chain.Select(Transition).ToList(),
                saga.Fields.Select(Field).ToList())
            {
                Retries = retries.Select(r => $"{r.Action} {r.Outcome} {r.ErrorCode}: {r.Reason}").ToList(),
            });
        }

        return (records, incomplete);
    }

    internal static (IReadOnlyList<AuditEntry> Chain, bool Complete) CausalChain(IReadOnlyList<AuditEntry> entries, string state) =>
        CausalChain(entries, e => e.FromState, e => e.ToState, e => e.Attempt, state);

    /// <summary>The entries in causal order, complete when all are on one path from receipt that ends in <paramref name="state"/>.</summary>
    internal static (IReadOnlyList<T> Chain, bool Complete) CausalChain<T>(
        IReadOnlyList<T> entries, Func<T, string?> from, Func<T, string> to, Func<T, int> attempt, string state)
    {
        var (chain, complete) = CausalOrder.Chain(entries, from, to, attempt);
        return (chain, complete && to(chain[^1]) == state);
    }

    // Without the attempt number: which attempt succeeded depends on the retries, which are not part of the outcome.
    private static string Transition(AuditEntry e) =>
        $"{e.Action} {e.FromState ?? "-"}>{e.ToState} {e.Outcome}{(e.ErrorCode is null ? string.Empty : " " + e.ErrorCode)}";

    private static string Field(ExtractedField f) =>
        string.Create(CultureInfo.InvariantCulture, $"{f.Name}={f.Value} [{f.Tier} {f.Confidence:R} p.{(f.Page is { } p ? p.ToString(CultureInfo.InvariantCulture) : "-")}]");
}
