using System.Globalization;
using Ingestion.Audit.Ledger;
using Ingestion.Contracts;
using Ingestion.Saga.Documents;
using Ingestion.Saga.Packets;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Validation.Replay;

/// <summary>
/// Reads a namespace's outcomes: state, error, template and fields from the saga table; transitions from the audit
/// ledger. Audit entries of one document may be appended in any order by concurrent audit consumers, so transitions
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
        var entries = new Dictionary<Guid, List<AuditEvent>>();
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
            var state = DocumentStates.Display(saga.CurrentState);
            var (chain, complete) = CausalChain(entries.GetValueOrDefault(saga.CorrelationId) ?? [], state);
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
                saga.Fields.Select(Field).ToList()));
        }

        return (records, incomplete);
    }

    /// <summary>
    /// Orders a document's entries from its first (no from-state) along from→to links; entries off the chain follow in
    /// seq order. Complete when every entry is on the chain and it ends in <paramref name="state"/>.
    /// </summary>
    internal static (IReadOnlyList<AuditEvent> Chain, bool Complete) CausalChain(IReadOnlyList<AuditEvent> entries, string state)
    {
        var left = entries.ToList();
        var chain = new List<AuditEvent>();
        string? at = null;
        while (left.Count > 0)
        {
            var next = left.Where(e => e.FromState == at).OrderBy(e => e.Attempt).FirstOrDefault();
            if (next is null)
            {
                break;
            }

            chain.Add(next);
            left.Remove(next);
            at = next.ToState;
        }

        var complete = left.Count == 0 && chain.Count > 0 && at == state;
        chain.AddRange(left);
        return (chain, complete);
    }

    private static string Transition(AuditEvent e) =>
        $"{e.Action} {e.FromState ?? "-"}>{e.ToState} {e.Outcome}{(e.ErrorCode is null ? string.Empty : " " + e.ErrorCode)} #{e.Attempt}";

    private static string Field(ExtractedField f) =>
        string.Create(CultureInfo.InvariantCulture, $"{f.Name}={f.Value} [{f.Tier} {f.Confidence:R} p.{(f.Page is { } p ? p.ToString(CultureInfo.InvariantCulture) : "-")}]");
}
