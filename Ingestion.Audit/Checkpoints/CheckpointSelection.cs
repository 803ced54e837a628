namespace Ingestion.Audit.Checkpoints;

/// <summary>The newest stored checkpoint that verifies, and the newer rows that do not (<see cref="CheckpointStore.LatestVerifiedAsync"/>).</summary>
/// <param name="Verified">The newest checkpoint whose signature verifies, or null when none does.</param>
/// <param name="Rejected">Larger checkpoints whose signature does not verify, largest first: tampering.</param>
public sealed record CheckpointSelection(Checkpoint? Verified, IReadOnlyList<RejectedCheckpoint> Rejected);
