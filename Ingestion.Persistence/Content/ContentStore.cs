using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Ingestion.Persistence.Content;

/// <summary>
/// A write-once, content-addressed file store: each blob is named by its SHA-256, written once and then
/// read-only. Several processes may write the same blob at once; the first rename wins and the others discard theirs.
/// </summary>
public sealed class ContentStore
{
    private const string ReferencePrefix = "sha256:";
    private const int BufferSize = 1 << 20;
    // Readable by the fleet's user and group only (M6): documents are confidential, and sites never read the store.
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead;
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    private readonly string _root;

    /// <summary>Creates a store over the configured root folder.</summary>
    public ContentStore(IOptions<ContentStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _root = Path.GetFullPath(options.Value.Root);
    }

    /// <summary>Streams <paramref name="source"/> into the store once, hashing it on the way.</summary>
    public async Task<StoredContent> StoreAsync(Stream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var staging = Path.Combine(_root, "staging");
        CreateFolder(staging);
        var temporary = Path.Combine(staging, $"{Guid.NewGuid():N}.part");
        string sha256;
        long size;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                await target.FlushAsync(cancellationToken);
                target.Flush(flushToDisk: true);
                size = target.Length;
            }

            sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            var final = PathOf(sha256);
            CreateFolder(Path.GetDirectoryName(final)!);
            MakeReadOnly(temporary);
            try
            {
                File.Move(temporary, final, overwrite: false);
            }
            catch (IOException) when (File.Exists(final))
            {
                // Write-once: identical bytes are already stored under this name; keep the first copy.
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        return new StoredContent(ReferencePrefix + sha256, sha256, size);
    }

    /// <summary>Opens stored content for streaming reads.</summary>
    /// <exception cref="ContentNotFoundException">No content under that reference.</exception>
    public Stream OpenRead(string reference)
    {
        var path = PathOf(ParseReference(reference));
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        }
        catch (FileNotFoundException)
        {
            throw new ContentNotFoundException(reference);
        }
        catch (DirectoryNotFoundException)
        {
            throw new ContentNotFoundException(reference);
        }
    }

    /// <summary>The local file behind a reference, for tools that need a path (PDF rendering, OCR); never write to it.</summary>
    /// <exception cref="ContentNotFoundException">No content under that reference.</exception>
    public string LocalPath(string reference)
    {
        var path = PathOf(ParseReference(reference));
        return File.Exists(path) ? path : throw new ContentNotFoundException(reference);
    }

    /// <summary>Recomputes the SHA-256 of stored content by streaming it.</summary>
    public async Task<string> ComputeSha256Async(string reference, CancellationToken cancellationToken = default)
    {
        await using var stream = OpenRead(reference);
        var digest = await SHA256.HashDataAsync(stream, cancellationToken);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Seals archived content: it stays read-only, readable by the fleet only, whatever happened to it since it was stored.</summary>
    public void Seal(string reference)
    {
        var path = PathOf(ParseReference(reference));
        if (!File.Exists(path))
        {
            throw new ContentNotFoundException(reference);
        }

        MakeReadOnly(path);
    }

    /// <summary>The file behind a reference; for tooling that must inspect the store.</summary>
    public string PathOf(string sha256) => Path.Combine(_root, "objects", sha256[..2], sha256);

    private void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        foreach (var folder in new[] { _root, Path.GetDirectoryName(path)!, path }.Distinct())
        {
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder, Folder);
            }
        }
    }

    private static void MakeReadOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, File.GetAttributes(path) | FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, ReadOnly);
        }
    }

    private static string ParseReference(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var hex = reference.StartsWith(ReferencePrefix, StringComparison.Ordinal) ? reference[ReferencePrefix.Length..] : string.Empty;
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigitLower))
        {
            throw new ContentNotFoundException(reference);
        }

        return hex;
    }
}
