namespace Ingestion.Audit.Checkpoints;

/// <summary>A stored checkpoint whose signature does not verify with the ledger's public key: tampering, never used.</summary>
/// <param name="Checkpoint">The row as stored.</param>
/// <param name="Problem">Why it does not verify.</param>
public sealed record RejectedCheckpoint(Checkpoint Checkpoint, string Problem);
