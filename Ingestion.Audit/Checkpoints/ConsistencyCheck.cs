namespace Ingestion.Audit.Checkpoints;

/// <summary>The consistency proof between two stored checkpoints and whether it verifies against their signed roots.</summary>
/// <param name="First">The earlier checkpoint.</param>
/// <param name="Second">The later checkpoint.</param>
/// <param name="Proof">The RFC 9162 consistency proof, hex.</param>
/// <param name="Problem">Why it does not verify, or null when it does.</param>
public sealed record ConsistencyCheck(Checkpoint First, Checkpoint Second, IReadOnlyList<string> Proof, string? Problem)
{
    /// <summary>True when both signatures and the proof verify.</summary>
    public bool Verifies => Problem is null;
}
