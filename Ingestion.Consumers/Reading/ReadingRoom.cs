namespace Ingestion.Consumers.Reading;

/// <summary>
/// A private folder for one document while it is read: a copy of the stored file, and the page images OCR renders.
/// It belongs to the user the children run as, so that they never need the content store itself; it is deleted after.
/// </summary>
internal sealed class ReadingRoom : IDisposable
{
    private ReadingRoom(string folder, string document)
    {
        Folder = folder;
        Document = document;
    }

    /// <summary>The folder, writable by the children.</summary>
    public string Folder { get; }

    /// <summary>The copy of the document.</summary>
    public string Document { get; }

    public static async Task<ReadingRoom> OpenAsync(ChildSandbox sandbox, string workFolder, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var root = string.IsNullOrWhiteSpace(workFolder) ? Path.Combine(Path.GetTempPath(), "ingestion-reading") : workFolder;
        Directory.CreateDirectory(root);
        var path = Path.Combine(root, Guid.NewGuid().ToString("N"));
        var folder = (OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)).FullName;
        var room = new ReadingRoom(folder, Path.Combine(folder, "document.pdf"));
        try
        {
            await using (var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            await using (var to = new FileStream(room.Document, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await from.CopyToAsync(to, cancellationToken);
            }

            sandbox.HandOver(room.Document);
            sandbox.HandOver(folder);
            return room;
        }
        catch
        {
            room.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover folder must not turn a document that was read into a failure; the next start of the folder cleans it.
        }
    }
}
