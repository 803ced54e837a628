using Ingestion.Audit.Checkpoints;
using Ingestion.Audit.Receipts;
using Microsoft.Extensions.Options;

namespace Ingestion.UnitTests.Audit;

/// <summary>Where a site's receipts go (<c>root/site/packet/document.receipt.json</c>) and how they are written.</summary>
public sealed class ReceiptFilesTests
{
    private static readonly Guid Packet = new("0f8fad5b-d9cb-469f-a165-70867728950e");

    private DirectoryInfo _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("receipt-files-tests-");

    [TearDown]
    public void DeleteRoot() => _root.Delete(recursive: true);

    [Test]
    public void A_receipt_lives_under_its_site_its_packet_and_its_document()
    {
        var path = Files().PathOf("US-BOS-001", Packet, "US-BOS-001-DOC-001");

        Assert.That(path, Is.EqualTo(Path.Combine(_root.FullName, "US-BOS-001", Packet.ToString("D"), "US-BOS-001-DOC-001.receipt.json")));
    }

    // How a hostile id is spelled on disk is ReceiptNameTests' concern; here: it stays one folder and one file under the root.
    [TestCase("../../etc", "../passwd")]
    [TestCase("..", ".")]
    [TestCase("", "a/b\\c d")]
    [TestCase("/absolute", "~user")]
    public void Site_and_document_ids_from_a_site_can_never_name_a_folder_outside_the_root(string site, string document)
    {
        var path = Path.GetFullPath(Files().PathOf(site, Packet, document));

        Assert.That(path, Does.StartWith(_root.FullName + Path.DirectorySeparatorChar));
        var parts = Path.GetRelativePath(_root.FullName, path).Split(Path.DirectorySeparatorChar);
        Assert.That(parts, Has.Length.EqualTo(3), "site folder, packet folder, receipt file");
        Assert.That(parts[1], Is.EqualTo(Packet.ToString("D")));
        Assert.That(parts[0], Is.Not.EqualTo("..").And.Not.EqualTo(".").And.Not.Empty);
        Assert.That(parts[2], Does.EndWith(".receipt.json"));
    }

    [Test]
    public async Task Of_two_writers_of_the_same_receipt_the_first_wins_and_no_temporary_file_is_left()
    {
        var path = Files().PathOf("US-BOS-001", Packet, "US-BOS-001-DOC-001");
        var first = Receipt(treeSize: 5);

        var wrote = await ReceiptFiles.WriteOnceAsync(path, first, CancellationToken.None);
        var wroteAgain = await ReceiptFiles.WriteOnceAsync(path, Receipt(treeSize: 9), CancellationToken.None);

        Assert.That((wrote, wroteAgain), Is.EqualTo((true, false)));
        Assert.That(ReceiptJson.Read(await File.ReadAllTextAsync(path)).Checkpoint.TreeSize, Is.EqualTo(5));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }));
    }

    private ReceiptFiles Files() => new(Options.Create(new ReceiptOptions { Root = _root.FullName }));

    private static AuditReceipt Receipt(long treeSize) => new()
    {
        CorrelationId = Guid.NewGuid(),
        Checkpoint = new ReceiptCheckpoint
        {
            TreeSize = treeSize, RootHash = "00", HeadHash = "00", CreatedAt = "2026-11-29T09:00:00.000000Z", KeyId = "key", Signature = "00",
        },
        Entries = [],
    };
}
