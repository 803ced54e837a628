using System.Security.Cryptography;
using System.Text;

namespace Ingestion.Samples.Replay;

/// <summary>
/// The SHA-256 of every file of a dataset, in <c>sha256sum</c> format (<c>hash␠␠relative/path</c>, ordinal order, LF),
/// so that a small committed text file proves a regenerated dataset is the same one, and <c>sha256sum -c</c> checks it too.
/// </summary>
public static class DatasetChecksums
{
    /// <summary>The checksum file written at the dataset's root.</summary>
    public const string FileName = "SHA256SUMS";

    /// <summary>Computes the checksum text of every file under <paramref name="root"/> except the checksum file itself.</summary>
    public static string Compute(string root)
    {
        var lines = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(relative => relative != FileName)
            .Order(StringComparer.Ordinal)
            .Select(relative => $"{Hash(Path.Combine(root, relative))}  {relative}\n");
        return string.Concat(lines);
    }

    /// <summary>Writes <see cref="FileName"/> at <paramref name="root"/>; returns the SHA-256 of its text, the dataset's identity.</summary>
    public static string Write(string root)
    {
        var text = Compute(root);
        File.WriteAllText(Path.Combine(root, FileName), text, new UTF8Encoding(false));
        return Identity(text);
    }

    /// <summary>The dataset's identity: the SHA-256 of its checksum text.</summary>
    public static string Identity(string checksumText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(checksumText)));

    /// <summary>
    /// Null when the files under <paramref name="root"/> are exactly those <paramref name="expected"/> lists, with those
    /// hashes; otherwise the first difference, readable.
    /// </summary>
    public static string? Difference(string root, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var want = Parse(expected);
        var have = Parse(Compute(root));
        foreach (var (file, hash) in want)
        {
            if (!have.TryGetValue(file, out var actual))
            {
                return $"{file} is missing";
            }

            if (actual != hash)
            {
                return $"{file} has SHA-256 {actual[..12]}…, the manifest says {hash[..12]}…";
            }
        }

        var extra = have.Keys.FirstOrDefault(f => !want.ContainsKey(f));
        return extra is null ? null : $"{extra} is not in the manifest";
    }

    private static Dictionary<string, string> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split("  ", 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[1].Trim(), parts => parts[0].Trim(), StringComparer.Ordinal);

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
