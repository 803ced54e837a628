using System.Text.Json;
using Ingestion.Contracts;
using Ingestion.Site.Rules;
using Ingestion.Site.Submission;

namespace Ingestion.Site.Folders;

/// <summary>
/// A packet folder read safely: the manifest and every file it lists must be regular files inside the folder, reached
/// without a symbolic link. Refused before anything is read or sent: an absolute path, a <c>..</c> or empty segment, a
/// control character, a symbolic link anywhere on the way, a device, FIFO, socket or folder. Each file is opened once and
/// checked to be the very file that was inspected, so swapping it for a link in between does not help.
/// </summary>
public static class PacketFolder
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads the manifest and checks every file it lists; without a manifest every regular file is a document.</summary>
    /// <exception cref="InvalidPacketFolderException">The folder, its manifest or a listed file cannot be submitted.</exception>
    public static async Task<PacketFolderContents> ReadAsync(string folder, CancellationToken cancellationToken = default)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(root))
        {
            throw new InvalidPacketFolderException($"Packet folder '{folder}' does not exist.");
        }

        var manifestPath = Path.Combine(root, PacketManifest.FileName);
        var manifest = File.Exists(manifestPath) || Directory.Exists(manifestPath) || IsLink(manifestPath)
            ? await ReadManifestAsync(root, manifestPath, cancellationToken)
            : ManifestOfEveryFile(root);
        var files = manifest.Documents.Select(entry => new PacketFile(entry, Resolve(root, entry))).ToList();
        return new PacketFolderContents(manifest, files);
    }

    /// <summary>
    /// Opens a file that <see cref="ReadAsync"/> resolved, and refuses it if it is no longer the regular file that was
    /// checked (replaced, or turned into a link, since).
    /// </summary>
    public static FileStream OpenChecked(PacketFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var before = FileIdentity.OfPath(file.FullPath);
        var stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        try
        {
            var opened = FileIdentity.OfHandle(stream.SafeFileHandle, file.FullPath);
            if (before.Type != FileIdentity.Kind.Regular || opened.Type != FileIdentity.Kind.Regular
                || opened.Device != before.Device || opened.Inode != before.Inode)
            {
                throw new InvalidPacketFolderException($"'{PrintableText.Escape(file.Entry.File)}' changed while it was being submitted.");
            }

            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static async Task<PacketManifest> ReadManifestAsync(string root, string path, CancellationToken cancellationToken)
    {
        var file = new PacketFile(new ManifestDocument { DocumentId = PacketManifest.FileName, ArtifactType = "-", File = PacketManifest.FileName }, path);
        CheckRegularInside(root, PacketManifest.FileName, path);
        try
        {
            await using var stream = OpenChecked(file);
            if (stream.Length > 16L * 1024 * 1024)
            {
                throw new InvalidPacketFolderException($"{path} is larger than 16 MiB.");
            }

            var manifest = await JsonSerializer.DeserializeAsync<PacketManifest>(stream, Json, cancellationToken);
            return manifest is { Documents.Count: > 0 } && manifest.Documents.All(d => d is not null)
                ? manifest
                : throw new InvalidPacketFolderException($"{path} lists no documents.");
        }
        catch (JsonException exception)
        {
            throw new InvalidPacketFolderException($"{path} is not a valid packet manifest: {exception.Message}");
        }
    }

    // No manifest: every regular file is a document named after itself (links and anything else are left out).
    private static PacketManifest ManifestOfEveryFile(string root)
    {
        var files = Directory.EnumerateFiles(root)
            .Where(f => FileIdentity.OfPath(f).Type == FileIdentity.Kind.Regular)
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        return files.Count == 0
            ? throw new InvalidPacketFolderException($"Packet folder '{root}' holds no documents.")
            : new PacketManifest { Documents = files.Select(f => new ManifestDocument { DocumentId = f, ArtifactType = ArtifactTypes.Unspecified, File = f }).ToList() };
    }

    private static string Resolve(string root, ManifestDocument entry)
    {
        var name = entry.File;
        var which = $"Document '{PrintableText.Escape(entry.DocumentId)}': file '{PrintableText.Escape(name)}'";
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidPacketFolderException($"Document '{PrintableText.Escape(entry.DocumentId)}' names no file.");
        }

        if (PrintableText.FirstForbidden(name) is { } character)
        {
            throw new InvalidPacketFolderException($"{which} holds {character}.");
        }

        if (Path.IsPathRooted(name) || name.StartsWith('/') || name.StartsWith('\\') || name.StartsWith('~'))
        {
            throw new InvalidPacketFolderException($"{which} is an absolute path; files must be inside the packet folder.");
        }

        var segments = name.Split('/', '\\');
        if (segments.Any(s => s is "" or "." or ".."))
        {
            throw new InvalidPacketFolderException($"{which} has an empty, '.' or '..' segment; files must be inside the packet folder.");
        }

        var path = Path.GetFullPath(Path.Combine([root, .. segments]));
        CheckRegularInside(root, name, path);
        return path;
    }

    // Every step from the folder down to the file must be a real folder, and the file a regular file: no link anywhere.
    private static void CheckRegularInside(string root, string name, string path)
    {
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidPacketFolderException($"'{PrintableText.Escape(name)}' is outside the packet folder.");
        }

        var relative = path[(root.Length + 1)..].Split(Path.DirectorySeparatorChar);
        var current = root;
        for (var i = 0; i < relative.Length; i++)
        {
            current = Path.Combine(current, relative[i]);
            FileIdentity identity;
            try
            {
                identity = FileIdentity.OfPath(current);
            }
            catch (IOException)
            {
                throw new InvalidPacketFolderException($"'{PrintableText.Escape(name)}' is not in the packet folder.");
            }

            var expected = i == relative.Length - 1 ? FileIdentity.Kind.Regular : FileIdentity.Kind.Directory;
            if (identity.Type != expected)
            {
                throw new InvalidPacketFolderException(
                    $"'{PrintableText.Escape(name)}' is {Describe(identity.Type)}, not a {(expected == FileIdentity.Kind.Regular ? "regular file" : "folder")}; refused.");
            }
        }
    }

    private static bool IsLink(string path)
    {
        try
        {
            return FileIdentity.OfPath(path).Type == FileIdentity.Kind.SymbolicLink;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Describe(FileIdentity.Kind kind) => kind switch
    {
        FileIdentity.Kind.SymbolicLink => "a symbolic link",
        FileIdentity.Kind.CharacterDevice or FileIdentity.Kind.BlockDevice => "a device",
        FileIdentity.Kind.Fifo => "a FIFO",
        FileIdentity.Kind.Socket => "a socket",
        FileIdentity.Kind.Directory => "a folder",
        FileIdentity.Kind.Regular => "a regular file",
        _ => "not a regular file",
    };
}
