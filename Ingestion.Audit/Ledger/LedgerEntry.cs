namespace Ingestion.Audit.Ledger;

/// <summary>One row of the audit ledger: the event, where it sits in the chain, and the hashes that bind it there.</summary>
public sealed record LedgerEntry
{
    /// <summary>Position in the chain, from 1 with no gaps.</summary>
    public required long Seq { get; init; }

    /// <summary>When the ledger appended it (UTC, microseconds).</summary>
    public required DateTime RecordedAt { get; init; }

    /// <summary>The entry as chained (timestamps truncated to microseconds).</summary>
    public required AuditEntry Event { get; init; }

    /// <summary>The entry hash of the previous entry; 32 zero bytes for the first.</summary>
    public required byte[] PreviousHash { get; init; }

    /// <summary>SHA-256 of the previous hash followed by the entry's canonical JSON.</summary>
    public required byte[] EntryHash { get; init; }
}
