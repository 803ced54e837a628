using System.Globalization;
using Ingestion.Audit.Ledger;

namespace Ingestion.Audit.Checkpoints;

/// <summary>A signed statement of the ledger's Merkle root and chain head at one tree size.</summary>
public sealed record Checkpoint
{
    /// <summary>The first line of the signed text; a change to the text's layout is a new version.</summary>
    public const string Format = "ingestion-checkpoint/v1";

    /// <summary>How many ledger entries the tree holds; the head is the entry with this seq.</summary>
    public required long TreeSize { get; init; }

    /// <summary>The RFC 9162 Merkle root of the first <see cref="TreeSize"/> entries.</summary>
    public required byte[] RootHash { get; init; }

    /// <summary>The chain's entry hash at seq <see cref="TreeSize"/>, or the genesis hash for an empty ledger.</summary>
    public required byte[] HeadHash { get; init; }

    /// <summary>When it was signed (UTC, microseconds).</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>ECDSA P-256 / SHA-256 signature over <see cref="SignedText"/>, IEEE P1363.</summary>
    public required byte[] Signature { get; init; }

    /// <summary>The signing key's id.</summary>
    public required string KeyId { get; init; }

    /// <summary>
    /// The Merkle frontier at <see cref="TreeSize"/> (the roots of its perfect subtrees, largest first), so that the next
    /// checkpoint reads only the entries after this one. Not signed: it is used only once it folds to the signed root.
    /// </summary>
    public byte[]? Frontier { get; init; }

    /// <summary>The creation time as it appears in the signed text.</summary>
    public string CreatedAtText => FormatTime(CreatedAt);

    /// <summary>The exact text that is signed.</summary>
    public string SignedText => Text(TreeSize, Convert.ToHexStringLower(RootHash), Convert.ToHexStringLower(HeadHash), CreatedAtText);

    /// <summary>The signed text from its parts (hex hashes, ISO time), for verifiers that hold only those.</summary>
    public static string Text(long treeSize, string rootHex, string headHex, string createdAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{Format}\n{treeSize}\n{rootHex}\n{headHex}\n{createdAt}");

    /// <summary>A UTC time to the microsecond, ISO 8601.</summary>
    public static string FormatTime(DateTime value) =>
        AuditChain.Normalize(value).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
