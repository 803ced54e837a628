using System.Security.Cryptography;
using System.Text.Json;
using Ingestion.Audit.Merkle;

namespace Ingestion.Audit.Checkpoints;

/// <summary>
/// Checks a receipt with nothing but the ledger's public key: the checkpoint's signature, each entry's leaf hash
/// against its canonical JSON, and each inclusion proof against the signed root. No database is involved.
/// </summary>
public static class ReceiptVerifier
{
    /// <summary>Verifies the receipt's JSON text against a PEM public key.</summary>
    public static ReceiptVerification Verify(string receiptJson, string publicKeyPem)
    {
        AuditReceipt receipt;
        try
        {
            receipt = ReceiptJson.Read(receiptJson);
        }
        catch (JsonException e)
        {
            return new ReceiptVerification(0, 0, $"the file is not a receipt ({e.Message})");
        }

        var entries = receipt.Entries?.Count ?? 0;
        var checkpoint = receipt.Checkpoint;
        if (receipt.Format != AuditReceipt.CurrentFormat || checkpoint is null || receipt.Entries is null)
        {
            return new ReceiptVerification(entries, 0, $"the receipt is not in the {AuditReceipt.CurrentFormat} format");
        }

        var problem = Problem(receipt, checkpoint, publicKeyPem);
        return new ReceiptVerification(entries, checkpoint.TreeSize, problem);
    }

    private static string? Problem(AuditReceipt receipt, ReceiptCheckpoint checkpoint, string publicKeyPem)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(publicKeyPem);
        }
        catch (ArgumentException)
        {
            return "the public key is not a PEM ECDSA key";
        }

        if (LedgerSigningKey.KeyIdOf(key) != checkpoint.KeyId)
        {
            return $"the checkpoint was signed by key {checkpoint.KeyId}, not by the key given ({LedgerSigningKey.KeyIdOf(key)})";
        }

        if (!LedgerText.TryHex(checkpoint.RootHash, out var root) || !LedgerText.TryHex(checkpoint.Signature, out var signature)
            || !LedgerSigningKey.Verify(key, Checkpoint.Text(checkpoint.TreeSize, checkpoint.RootHash, checkpoint.HeadHash, checkpoint.CreatedAt), signature))
        {
            return $"the signature of checkpoint {checkpoint.TreeSize} does not verify";
        }

        if (receipt.Entries.Count == 0)
        {
            return "the receipt holds no entries";
        }

        foreach (var entry in receipt.Entries)
        {
            var entryProblem = EntryProblem(receipt.CorrelationId, checkpoint.TreeSize, root, entry);
            if (entryProblem is not null)
            {
                return $"entry seq {entry.Seq}: {entryProblem}";
            }
        }

        return null;
    }

    private static string? EntryProblem(Guid correlationId, long treeSize, byte[] root, ReceiptEntry entry)
    {
        byte[] leaf;
        try
        {
            leaf = Convert.FromBase64String(entry.CanonicalJson);
        }
        catch (FormatException)
        {
            return "its canonical JSON is not base64";
        }

        var leafHash = MerkleTree.LeafHash(leaf);
        if (!LedgerText.TryHex(entry.LeafHash, out var claimed) || !claimed.AsSpan().SequenceEqual(leafHash))
        {
            return "its canonical JSON does not hash to its leaf hash";
        }

        // The leaf must be this entry's own record: a valid proof of some other entry must not pass as this one.
        if (!LedgerText.IsEntry(leaf, entry.Seq, correlationId))
        {
            return "its canonical JSON names another seq or correlation id";
        }

        var proof = new List<byte[]>();
        foreach (var hex in entry.InclusionProof ?? [])
        {
            if (!LedgerText.TryHex(hex, out var node))
            {
                return "its inclusion proof holds a value that is not a hash";
            }

            proof.Add(node);
        }

        return MerkleTree.VerifyInclusion(entry.Seq - 1, treeSize, leafHash, proof, root)
            ? null
            : $"its inclusion proof does not lead to the root of checkpoint {treeSize}";
    }
}
