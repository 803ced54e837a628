using Ingestion.Audit.Checkpoints;

namespace Ingestion.Audit.Ledger;

/// <summary>
/// A document's entries from the ledger, each checked on its own: its hash recomputed from its columns and its stored
/// previous hash, and whether a signed checkpoint (its signature verified with the ledger's public key) covers it. The
/// whole chain is verified by <see cref="AuditChainVerifier"/>; this is what a reader of one timeline sees at once.
/// </summary>
public sealed class TimelineVerifier(AuditLedger ledger, CheckpointStore checkpoints)
{
    /// <summary>The document's entries in chain order, checked.</summary>
    public async Task<IReadOnlyList<VerifiedEntry>> VerifyAsync(Guid correlationId, CancellationToken cancellationToken = default)
    {
        var sealedSize = await SignedSizeAsync(cancellationToken);
        var entries = new List<VerifiedEntry>();
        await foreach (var entry in ledger.ReadAsync(correlationId, cancellationToken))
        {
            var json = AuditChain.CanonicalJson(entry.Seq, entry.RecordedAt, entry.Event);
            var intact = AuditChain.EntryHash(entry.PreviousHash, json).AsSpan().SequenceEqual(entry.EntryHash);
            entries.Add(new VerifiedEntry(entry, intact, sealedSize >= entry.Seq ? sealedSize : null));
        }

        return entries;
    }

    private async Task<long> SignedSizeAsync(CancellationToken cancellationToken) =>
        (await checkpoints.LatestVerifiedAsync(cancellationToken)).Verified?.TreeSize ?? 0;
}
