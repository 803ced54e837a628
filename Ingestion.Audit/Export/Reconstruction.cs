namespace Ingestion.Audit.Export;

/// <summary>Document timelines rebuilt from audit entries, and the operator and system entries that belong to no packet.</summary>
public sealed record Reconstruction
{
    /// <summary>One timeline per document, in the order of their first entry.</summary>
    public required IReadOnlyList<DocumentTimeline> Documents { get; init; }

    /// <summary>Entries with the empty packet id (DLQ_REPLAY, CIRCUIT_OPENED, HOLD_PLACED, …), in seq order.</summary>
    public required IReadOnlyList<TimelineEntry> OperatorEntries { get; init; }

    /// <summary>Groups entries (in seq order) by document; <paramref name="site"/> and <paramref name="packet"/> keep only matching documents.</summary>
    public static Reconstruction Build(IEnumerable<TimelineEntry> entries, string? site = null, Guid? packet = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var operatorEntries = new List<TimelineEntry>();
        var documents = new Dictionary<Guid, List<TimelineEntry>>();
        var order = new List<Guid>();
        foreach (var entry in entries)
        {
            if (entry.PacketId == Guid.Empty)
            {
                operatorEntries.Add(entry);
                continue;
            }

            if (!documents.TryGetValue(entry.CorrelationId, out var list))
            {
                documents[entry.CorrelationId] = list = [];
                order.Add(entry.CorrelationId);
            }

            list.Add(entry);
        }

        var timelines = order.Select(id => Timeline(documents[id]))
            .Where(t => (site is null || t.SiteId == site) && (packet is null || t.PacketId == packet))
            .ToList();
        return new Reconstruction { Documents = timelines, OperatorEntries = operatorEntries };
    }

    private static DocumentTimeline Timeline(List<TimelineEntry> entries)
    {
        var first = entries[0];
        // Where the document ended is the end of its state changes in causal order, not the entry appended last: two
        // audit workers may append one document's entries out of order. Entries stay listed in seq order.
        var changes = entries.Where(e => e.FromState != e.ToState).ToList();
        var last = changes.Count > 0 ? CausalOrder.Chain(changes, e => e.FromState, e => e.ToState, e => e.Attempt).Chain[^1] : entries[^1];
        return new DocumentTimeline
        {
            CorrelationId = first.CorrelationId,
            SiteId = first.SiteId,
            PacketId = first.PacketId,
            DocumentSha256 = first.DocumentSha256,
            FinalState = last.ToState,
            FinalOutcome = last.Outcome,
            FinalErrorCode = last.ErrorCode,
            Entries = entries,
        };
    }
}
