namespace Ingestion.Audit.Ledger;

/// <summary>
/// Recomputes the chain from the rows' columns (not from a stored copy of the JSON), so a change to any
/// column, a removed, inserted or reordered row, or a rewritten hash is found and named by its seq.
/// </summary>
public sealed class AuditChainVerifier(AuditLedger ledger)
{
    /// <summary>Verifies the whole ledger, streaming it.</summary>
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var previous = AuditChain.Genesis;
        long expectedSeq = 1;
        long count = 0;
        await foreach (var entry in ledger.ReadAsync(cancellationToken: cancellationToken))
        {
            var problem = Check(entry, expectedSeq, previous);
            if (problem is not null)
            {
                return new ChainVerification(count, expectedSeq - 1, Convert.ToHexStringLower(previous), entry.Seq, problem);
            }

            previous = entry.EntryHash;
            expectedSeq++;
            count++;
        }

        return new ChainVerification(count, expectedSeq - 1, Convert.ToHexStringLower(previous), null, null);
    }

    private static string? Check(LedgerEntry entry, long expectedSeq, byte[] previous)
    {
        if (entry.Seq != expectedSeq)
        {
            return entry.Seq > expectedSeq
                ? $"entries {expectedSeq}..{entry.Seq - 1} are missing"
                : $"seq {entry.Seq} appears where {expectedSeq} was expected";
        }

        if (!entry.PreviousHash.AsSpan().SequenceEqual(previous))
        {
            return "its previous hash does not match the entry before it";
        }

        var recomputed = AuditChain.EntryHash(previous, AuditChain.CanonicalJson(entry.Seq, entry.RecordedAt, entry.Event));
        return recomputed.AsSpan().SequenceEqual(entry.EntryHash)
            ? null
            : "its content does not hash to its recorded entry hash (the row was altered)";
    }
}
