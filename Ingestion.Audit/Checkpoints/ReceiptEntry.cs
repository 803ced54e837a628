namespace Ingestion.Audit.Checkpoints;

/// <summary>One ledger entry in a receipt.</summary>
public sealed record ReceiptEntry
{
    /// <summary>The entry's seq; its leaf index is seq − 1.</summary>
    public required long Seq { get; init; }

    /// <summary>The entry's canonical JSON, the Merkle leaf, base64 so that its exact bytes travel.</summary>
    public required string CanonicalJson { get; init; }

    /// <summary>SHA-256(0x00 ‖ canonical JSON), hex.</summary>
    public required string LeafHash { get; init; }

    /// <summary>The RFC 9162 audit path from the leaf to the checkpoint root, hex, leaf end first.</summary>
    public required IReadOnlyList<string> InclusionProof { get; init; }
}
