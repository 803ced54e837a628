namespace Ingestion.Audit.Checkpoints;

/// <summary>A checkpoint as a receipt carries it: hashes and signature in lower-case hex, the time as signed.</summary>
public sealed record ReceiptCheckpoint
{
    /// <summary>The tree size, which is also the head entry's seq.</summary>
    public required long TreeSize { get; init; }

    /// <summary>The Merkle root (hex).</summary>
    public required string RootHash { get; init; }

    /// <summary>The chain's entry hash at the head (hex).</summary>
    public required string HeadHash { get; init; }

    /// <summary>The signing time, ISO 8601 UTC with microseconds, exactly as signed.</summary>
    public required string CreatedAt { get; init; }

    /// <summary>The signing key's id.</summary>
    public required string KeyId { get; init; }

    /// <summary>The IEEE P1363 ECDSA signature (hex) over <see cref="Checkpoints.Checkpoint.Text"/>.</summary>
    public required string Signature { get; init; }

    /// <summary>The checkpoint in receipt form.</summary>
    public static ReceiptCheckpoint From(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new ReceiptCheckpoint
        {
            TreeSize = checkpoint.TreeSize,
            RootHash = Convert.ToHexStringLower(checkpoint.RootHash),
            HeadHash = Convert.ToHexStringLower(checkpoint.HeadHash),
            CreatedAt = checkpoint.CreatedAtText,
            KeyId = checkpoint.KeyId,
            Signature = Convert.ToHexStringLower(checkpoint.Signature),
        };
    }
}
