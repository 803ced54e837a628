namespace Ingestion.Audit.Ledger;

/// <summary>What verifying the chain found.</summary>
/// <param name="Entries">How many entries were checked.</param>
/// <param name="HeadSeq">The last entry's seq, 0 for an empty ledger.</param>
/// <param name="HeadHash">The last entry's hash (hex), or the genesis hash.</param>
/// <param name="FirstBadSeq">The first entry that does not verify, or null when all do.</param>
/// <param name="Problem">What is wrong with it.</param>
public sealed record ChainVerification(long Entries, long HeadSeq, string HeadHash, long? FirstBadSeq, string? Problem)
{
    /// <summary>How many signed checkpoints the ledger was found to match.</summary>
    public int CheckpointsVerified { get; init; }

    /// <summary>
    /// Stored checkpoints whose signature does not verify with the ledger's public key, smallest first: rows the ledger never
    /// signed (tampering). The chain is not held to them, and no proof is built on them.
    /// </summary>
    public IReadOnlyList<Checkpoints.RejectedCheckpoint> RejectedCheckpoints { get; init; } = [];

    /// <summary>True when every entry verifies.</summary>
    public bool Intact => FirstBadSeq is null;

    /// <summary>True when every entry and every stored checkpoint verifies.</summary>
    public bool Verifies => Intact && RejectedCheckpoints.Count == 0;
}
