using Ingestion.Persistence.Content;
using Microsoft.Extensions.Options;

namespace Ingestion.UnitTests.Persistence;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ContentStoreTests
{
    private const UnixFileMode Others = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Test]
    public async Task Stored_content_and_its_folders_are_closed_to_other_users()
    {
        var root = Path.Combine(Directory.CreateTempSubdirectory("ingestion-store-").FullName, "content");
        var store = new ContentStore(Options.Create(new ContentStoreOptions { Root = root }));

        var stored = await store.StoreAsync(new MemoryStream("confidential"u8.ToArray()));
        store.Seal(stored.Reference);

        var path = store.PathOf(stored.Sha256);
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.GroupRead));
        Assert.That(
            new[] { root, Path.GetDirectoryName(path)!, Path.GetDirectoryName(Path.GetDirectoryName(path))! }.Select(d => File.GetUnixFileMode(d) & Others),
            Is.All.EqualTo((UnixFileMode)0));
        Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);
    }
}
