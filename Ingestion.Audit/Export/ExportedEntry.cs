namespace Ingestion.Audit.Export;

/// <summary>One line of an export segment: a ledger entry with its canonical JSON and chain hashes (lower-case hex).</summary>
public sealed record ExportedEntry
{
    /// <summary>Position in the chain, from 1 with no gaps.</summary>
    public required long Seq { get; init; }

    /// <summary>When the ledger appended it, ISO 8601 UTC with microseconds.</summary>
    public required string RecordedAt { get; init; }

    /// <summary>The entry's canonical JSON, exactly the bytes that were hashed.</summary>
    public required string CanonicalJson { get; init; }

    /// <summary>The previous entry's hash (hex).</summary>
    public required string PreviousHash { get; init; }

    /// <summary>SHA-256(previous hash ‖ canonical JSON) (hex).</summary>
    public required string EntryHash { get; init; }
}
