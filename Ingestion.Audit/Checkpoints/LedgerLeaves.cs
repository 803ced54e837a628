using Ingestion.Audit.Ledger;
using Ingestion.Audit.Merkle;

namespace Ingestion.Audit.Checkpoints;

/// <summary>
/// The Merkle leaf hashes of the ledger's first entries, read in seq order. The chain is re-checked on the way,
/// so a checkpoint is never signed over, and no proof is given from, a ledger whose rows were altered.
/// </summary>
internal sealed class LedgerLeaves
{
    private LedgerLeaves(List<byte[]> hashes, byte[] headHash, List<(long Seq, byte[] Json, Guid CorrelationId)> matching)
    {
        Hashes = hashes;
        HeadHash = headHash;
        Matching = matching;
    }

    public List<byte[]> Hashes { get; }

    public long Size => Hashes.Count;

    public byte[] HeadHash { get; }

    /// <summary>The canonical JSON of the entries of the correlation ids asked for, in seq order.</summary>
    public List<(long Seq, byte[] Json, Guid CorrelationId)> Matching { get; }

    /// <summary>
    /// The leaves for proofs under a checkpoint of <paramref name="size"/>: the stored leaf hashes (one small column, not
    /// a million canonical JSONs), whose root the caller compares with the signed one, and the wanted documents' entries
    /// recomputed from their rows and checked against them. Falls back to reading every entry where hashes are missing.
    /// </summary>
    public static async Task<LedgerLeaves> ForProofAsync(
        AuditLedger ledger, long size, IReadOnlySet<Guid> correlationIds, CancellationToken cancellationToken)
    {
        var hashes = await ledger.LeafHashesAsync(size, cancellationToken);
        if (hashes is null)
        {
            return await ReadAsync(ledger, size, correlationIds, cancellationToken);
        }

        var matching = new List<(long, byte[], Guid)>();
        foreach (var correlationId in correlationIds)
        {
            await foreach (var entry in ledger.ReadAsync(correlationId, cancellationToken))
            {
                if (entry.Seq > size)
                {
                    break;
                }

                var json = AuditChain.CanonicalJson(entry.Seq, entry.RecordedAt, entry.Event);
                if (!MerkleTree.LeafHash(json).AsSpan().SequenceEqual(hashes[(int)entry.Seq - 1]))
                {
                    throw new InvalidOperationException($"Audit ledger entry {entry.Seq} does not match its leaf hash; run 'ingest audit verify'.");
                }

                matching.Add((entry.Seq, json, correlationId));
            }
        }

        return new LedgerLeaves(hashes, [], matching.OrderBy(m => m.Item1).ToList());
    }

    public static Task<LedgerLeaves> ReadAsync(AuditLedger ledger, long? size, Guid? correlationId, CancellationToken cancellationToken) =>
        ReadAsync(ledger, size, correlationId is null ? new HashSet<Guid>() : new HashSet<Guid> { correlationId.Value }, cancellationToken);

    public static async Task<LedgerLeaves> ReadAsync(
        AuditLedger ledger, long? size, IReadOnlySet<Guid> correlationIds, CancellationToken cancellationToken)
    {
        var hashes = new List<byte[]>();
        var matching = new List<(long, byte[], Guid)>();
        var previous = AuditChain.Genesis;
        await foreach (var entry in Prefetch.Ahead(ledger.ReadAsync(cancellationToken: cancellationToken), 8192, cancellationToken))
        {
            if (size is not null && hashes.Count >= size)
            {
                break;
            }

            if (entry.Seq != hashes.Count + 1)
            {
                throw new InvalidOperationException($"The audit ledger has seq {entry.Seq} where {hashes.Count + 1} was expected; run 'ingest audit verify'.");
            }

            var json = AuditChain.CanonicalJson(entry.Seq, entry.RecordedAt, entry.Event);
            if (!AuditChain.EntryHash(previous, json).AsSpan().SequenceEqual(entry.EntryHash))
            {
                throw new InvalidOperationException($"Audit ledger entry {entry.Seq} does not verify; run 'ingest audit verify'.");
            }

            previous = entry.EntryHash;
            hashes.Add(MerkleTree.LeafHash(json));
            if (correlationIds.Contains(entry.Event.CorrelationId))
            {
                matching.Add((entry.Seq, json, entry.Event.CorrelationId));
            }
        }

        if (size is not null && hashes.Count < size)
        {
            throw new InvalidOperationException($"The audit ledger holds {hashes.Count} entries, fewer than {size}.");
        }

        return new LedgerLeaves(hashes, previous, matching);
    }
}
