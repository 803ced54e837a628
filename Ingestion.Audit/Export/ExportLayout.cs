using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Ingestion.Audit.Export;

/// <summary>File names and JSON of an export directory, shared by the exporter and the offline verifier.</summary>
public static class ExportLayout
{
    /// <summary>The manifest of closed segments.</summary>
    public const string ManifestFile = "segments.jsonl";

    /// <summary>The public key the checkpoint verifies with.</summary>
    public const string PublicKeyFile = "public-key.pem";

    /// <summary>The previous segment hash of the first segment.</summary>
    public static readonly string GenesisSha256 = new('0', 64);

    // Relaxed escaping keeps the embedded canonical JSON readable (\" rather than \u0022); the files are never put in HTML,
    // and any escaping reads back to the same string, so the hashed bytes are unaffected.
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static readonly JsonSerializerOptions IndentedJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>The file name of segment <paramref name="number"/> (from 1).</summary>
    public static string SegmentFile(int number) => string.Create(CultureInfo.InvariantCulture, $"segment-{number:D6}.jsonl");

    /// <summary>The file name of the checkpoint of <paramref name="treeSize"/> entries.</summary>
    public static string CheckpointFile(long treeSize) => string.Create(CultureInfo.InvariantCulture, $"checkpoint-{treeSize}.json");

    /// <summary>SHA-256 of a file (hex).</summary>
    public static string FileSha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The closed segments listed in the manifest, in order; none when there is no manifest.</summary>
    public static List<SegmentRecord> ReadManifest(string directory)
    {
        var path = Path.Combine(directory, ManifestFile);
        return File.Exists(path)
            ? File.ReadLines(path).Where(line => line.Length > 0)
                .Select(line => JsonSerializer.Deserialize<SegmentRecord>(line, Json) ?? throw new JsonException("An empty manifest line."))
                .ToList()
            : [];
    }

    /// <summary>The entries of one segment file, in file order.</summary>
    public static IEnumerable<ExportedEntry> ReadSegment(string path) =>
        File.ReadLines(path).Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<ExportedEntry>(line, Json) ?? throw new JsonException("An empty segment line."));

    /// <summary>Every entry of the export: closed segments in manifest order, then the open one.</summary>
    public static IEnumerable<ExportedEntry> ReadEntries(string directory)
    {
        var manifest = ReadManifest(directory);
        foreach (var segment in manifest)
        {
            foreach (var entry in ReadSegment(Path.Combine(directory, segment.File)))
            {
                yield return entry;
            }
        }

        var open = Path.Combine(directory, SegmentFile(manifest.Count + 1));
        if (File.Exists(open))
        {
            foreach (var entry in ReadSegment(open))
            {
                yield return entry;
            }
        }
    }
}
