namespace Ingestion.Audit.Checkpoints;

/// <summary>What checking a receipt found.</summary>
/// <param name="Entries">How many entries the receipt holds.</param>
/// <param name="TreeSize">The checkpoint's tree size.</param>
/// <param name="Problem">The first thing that does not verify, or null when everything does.</param>
public sealed record ReceiptVerification(int Entries, long TreeSize, string? Problem)
{
    /// <summary>True when signature, leaves and proofs all verify.</summary>
    public bool Verifies => Problem is null;
}
