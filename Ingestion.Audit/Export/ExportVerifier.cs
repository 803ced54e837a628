using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ingestion.Audit.Checkpoints;
using Ingestion.Audit.Ledger;
using Ingestion.Audit.Merkle;

namespace Ingestion.Audit.Export;

/// <summary>
/// Checks an export directory with nothing but its files and a public key: the SHA-256 chain over closed segments,
/// seq continuity and each entry's chain hash, and the latest checkpoint's signature, head and Merkle root.
/// </summary>
public static class ExportVerifier
{
    /// <summary>Verifies the export in <paramref name="directory"/> against a PEM public key.</summary>
    public static ExportVerification Verify(string directory, string publicKeyPem)
    {
        var state = new ExportVerificationState();
        try
        {
            state.Problem = SegmentsProblem(directory, state) ?? CheckpointProblem(directory, publicKeyPem, state);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            state.Problem ??= $"{state.Segment ?? directory}: it cannot be read ({e.Message})";
        }

        return new ExportVerification(state.Leaves.Count, state.Segments, Convert.ToHexStringLower(state.Previous), state.CheckpointSize, state.Problem);
    }

    private static string? SegmentsProblem(string directory, ExportVerificationState state)
    {
        var manifest = ExportLayout.ReadManifest(directory);
        var previousSegment = ExportLayout.GenesisSha256;
        foreach (var segment in manifest)
        {
            state.Segment = segment.File;
            var path = Path.Combine(directory, segment.File);
            if (segment.PreviousSha256 != previousSegment)
            {
                return $"segment {segment.File}: its previous segment hash in segments.jsonl does not match the segment before it";
            }

            if (!File.Exists(path))
            {
                return $"segment {segment.File}: listed in segments.jsonl but missing";
            }

            if (ExportLayout.FileSha256(path) != segment.Sha256)
            {
                return $"segment {segment.File}: its SHA-256 does not match segments.jsonl (the closed segment was changed)";
            }

            var first = state.Leaves.Count + 1;
            var problem = EntriesProblem(path, state);
            if (problem is not null)
            {
                return problem;
            }

            if (segment.FirstSeq != first || segment.LastSeq != state.Leaves.Count)
            {
                return $"segment {segment.File}: segments.jsonl says seq {segment.FirstSeq}-{segment.LastSeq}, the file holds {first}-{state.Leaves.Count}";
            }

            previousSegment = segment.Sha256;
        }

        var open = ExportLayout.SegmentFile(manifest.Count + 1);
        state.Segment = open;
        if (File.Exists(Path.Combine(directory, open)))
        {
            var problem = EntriesProblem(Path.Combine(directory, open), state);
            if (problem is not null)
            {
                return problem;
            }
        }

        var stray = Directory.EnumerateFiles(directory, "segment-*.jsonl").Select(Path.GetFileName)
            .Where(name => name != open && manifest.All(m => m.File != name)).Order(StringComparer.Ordinal).FirstOrDefault();
        return stray is null ? null : $"segment {stray}: neither listed in segments.jsonl nor the open segment {open}";
    }

    private static string? EntriesProblem(string path, ExportVerificationState state)
    {
        state.Segments++;
        var name = Path.GetFileName(path);
        foreach (var entry in ExportLayout.ReadSegment(path))
        {
            var expected = state.Leaves.Count + 1;
            if (entry.Seq != expected)
            {
                return $"segment {name}, seq {expected}: the file holds seq {entry.Seq} where seq {expected} belongs";
            }

            var json = Encoding.UTF8.GetBytes(entry.CanonicalJson);
            if (!LedgerText.IsEntry(json, entry.Seq))
            {
                return $"segment {name}, seq {entry.Seq}: its canonical JSON names another seq";
            }

            if (entry.PreviousHash != Convert.ToHexStringLower(state.Previous))
            {
                return $"segment {name}, seq {entry.Seq}: its previous hash is not the entry hash of seq {entry.Seq - 1}";
            }

            var hash = AuditChain.EntryHash(state.Previous, json);
            if (entry.EntryHash != Convert.ToHexStringLower(hash))
            {
                return $"segment {name}, seq {entry.Seq}: its entry hash does not match SHA-256(previous hash ‖ canonical JSON)";
            }

            state.Previous = hash;
            state.Heads.Add(hash);
            state.Leaves.Add(MerkleTree.LeafHash(json));
        }

        return null;
    }

    // Every checkpoint file, smallest first: a tail rewritten with every hash recomputed passes the chain but not the
    // signed roots, and the last checkpoint that still matches bounds where the rewrite begins.
    private static string? CheckpointProblem(string directory, string publicKeyPem, ExportVerificationState state)
    {
        state.Segment = null;
        var files = Directory.EnumerateFiles(directory, "checkpoint-*.json")
            .Select(path => (Path: path, Size: long.TryParse(Path.GetFileNameWithoutExtension(path)["checkpoint-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : -1))
            .Where(c => c.Size >= 0).OrderBy(c => c.Size).ToList();
        if (files.Count == 0)
        {
            return "no checkpoint-<size>.json in the export";
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(publicKeyPem);
        }
        catch (ArgumentException)
        {
            return "the public key is not a PEM ECDSA key";
        }

        long lastMatching = 0;
        foreach (var (path, size) in files)
        {
            var problem = OneCheckpointProblem(path, size, key, state);
            if (problem is not null)
            {
                return problem.StartsWith("missing", StringComparison.Ordinal)
                    ? problem
                    : $"{problem}; an entry in seq {lastMatching + 1}..{size} was rewritten" +
                      (lastMatching > 0 ? $" (checkpoint-{lastMatching}.json is the last that matches)" : string.Empty);
            }

            lastMatching = size;
        }

        return null;
    }

    private static string? OneCheckpointProblem(string path, long size, ECDsa key, ExportVerificationState state)
    {
        var name = Path.GetFileName(path);
        var checkpoint = JsonSerializer.Deserialize<ReceiptCheckpoint>(File.ReadAllText(path), ExportLayout.Json)
            ?? throw new JsonException("An empty checkpoint.");
        if (checkpoint.TreeSize != size)
        {
            return $"{name}: it holds tree size {checkpoint.TreeSize}";
        }

        if (LedgerSigningKey.KeyIdOf(key) != checkpoint.KeyId)
        {
            return $"{name}: signed by key {checkpoint.KeyId}, not by the key given ({LedgerSigningKey.KeyIdOf(key)})";
        }

        if (!LedgerText.TryHex(checkpoint.Signature, out var signature)
            || !LedgerSigningKey.Verify(key, Checkpoint.Text(checkpoint.TreeSize, checkpoint.RootHash, checkpoint.HeadHash, checkpoint.CreatedAt), signature))
        {
            return $"{name}: its signature does not verify";
        }

        state.CheckpointSize = checkpoint.TreeSize;
        if (checkpoint.TreeSize > state.Leaves.Count)
        {
            return $"missing entries seq {state.Leaves.Count + 1}..{checkpoint.TreeSize}: {name} covers them, the export ends at seq {state.Leaves.Count}";
        }

        var head = checkpoint.TreeSize == 0 ? AuditChain.Genesis : state.Heads[(int)checkpoint.TreeSize - 1];
        if (Convert.ToHexStringLower(head) != checkpoint.HeadHash)
        {
            return $"{name}: its head hash is not the entry hash of seq {checkpoint.TreeSize}";
        }

        return Convert.ToHexStringLower(MerkleTree.Root(state.Leaves, checkpoint.TreeSize)) == checkpoint.RootHash
            ? null
            : $"{name}: the Merkle root of the first {checkpoint.TreeSize} entries is not the signed root";
    }
}
