using System.Text.Json.Nodes;
using Ingestion.Samples;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Audit;

/// <summary>Signed checkpoints, receipts and consistency proofs of the audit ledger, through the <c>ingest</c> CLI.</summary>
[TestFixture]
public sealed class CheckpointTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly int OneDocument = ExpectedLedger.EntriesFor(ExpectedOutcome.Archived);
    private static readonly int TwoDocuments = ExpectedLedger.EntriesFor(2, ExpectedOutcome.Archived);
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[0];
    private string _folder = null!;
    private string _keyPath = null!;

    [SetUp]
    public void CreateFolders()
    {
        _folder = Directory.CreateTempSubdirectory("ingestion-checkpoints-").FullName;
        _keyPath = Path.Combine(_folder, "keys", "ledger-signing.pem");
    }

    [TearDown]
    public void DeleteFolders() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Asking_for_the_public_key_before_any_checkpoint_fails_and_creates_no_key()
    {
        await using var fleet = await StartFleetAsync();

        var publicKey = await fleet.RunIngestAsync("audit", "public-key");

        Assert.That(publicKey.ExitCode, Is.EqualTo(1), publicKey.Output);
        Assert.That(publicKey.Output, Does.Contain("No public key at"));
        Assert.That(Directory.Exists(Path.GetDirectoryName(_keyPath)) && Directory.EnumerateFiles(Path.GetDirectoryName(_keyPath)!).Any(), Is.False,
            "printing the key created none");
    }

    [Test]
    public async Task A_receipt_for_an_archived_document_verifies_offline_and_fails_once_one_byte_of_an_entry_changes()
    {
        await using var fleet = await StartFleetAsync();
        var document = await ArchiveOneDocumentAsync(fleet, "p1", 31, entries: OneDocument);

        var checkpoint = await fleet.RunIngestAsync("audit", "checkpoint");
        Assert.That(checkpoint.ExitCode, Is.Zero, checkpoint.Output);
        Assert.That(checkpoint.Output, Does.Contain($"Checkpoint size {OneDocument}"));
        Assert.That(File.Exists(_keyPath) && File.Exists(Path.Combine(_folder, "keys", "ledger-signing.pub.pem")), "the key pair is created on first use");
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(_keyPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "the private key is readable by its owner only");
        }

        var publicKey = await fleet.RunIngestAsync("audit", "public-key");
        Assert.That(publicKey.Output.Trim(), Is.EqualTo((await File.ReadAllTextAsync(PublicKeyPath)).Trim()));

        var receiptPath = Path.Combine(_folder, "receipt.json");
        var prove = await fleet.RunIngestAsync("audit", "prove", document.ToString(), "--out", receiptPath);
        Assert.That(prove.ExitCode, Is.Zero, prove.Output);
        var verify = await fleet.RunIngestAsync("audit", "verify-receipt", receiptPath, "--key", PublicKeyPath);
        Assert.That(verify.ExitCode, Is.Zero, verify.Output);
        Assert.That(verify.Output, Does.Contain($"Receipt verifies: {OneDocument} entries, checkpoint size {OneDocument}"));

        var receipt = JsonNode.Parse(await File.ReadAllTextAsync(receiptPath))!;
        var leaf = Convert.FromBase64String(receipt["entries"]![2]!["canonical_json"]!.GetValue<string>());
        leaf[^3] ^= 0x01;
        receipt["entries"]![2]!["canonical_json"] = Convert.ToBase64String(leaf);
        await File.WriteAllTextAsync(receiptPath, receipt.ToJsonString());
        var tampered = await fleet.RunIngestAsync("audit", "verify-receipt", receiptPath, "--key", PublicKeyPath);
        Assert.That(tampered.ExitCode, Is.EqualTo(1), tampered.Output);
        Assert.That(tampered.Output, Does.Contain("entry seq 3"));
    }

    [Test]
    public async Task A_later_checkpoint_is_proven_consistent_with_an_earlier_one()
    {
        await using var fleet = await StartFleetAsync();
        await ArchiveOneDocumentAsync(fleet, "p1", 37, entries: OneDocument);
        var earlier = await fleet.RunIngestAsync("audit", "checkpoint");
        Assert.That(earlier.ExitCode, Is.Zero, earlier.Output);
        await ArchiveOneDocumentAsync(fleet, "p2", 41, entries: TwoDocuments);
        var later = await fleet.RunIngestAsync("audit", "checkpoint");
        Assert.That(later.ExitCode, Is.Zero, later.Output);
        Assert.That(later.Output, Does.Contain($"Checkpoint size {TwoDocuments}"));

        var consistency = await fleet.RunIngestAsync("audit", "consistency", $"{OneDocument}", $"{TwoDocuments}");

        Assert.That(consistency.ExitCode, Is.Zero, consistency.Output);
        Assert.That(consistency.Output, Does.Contain($"Consistency verifies: checkpoint {TwoDocuments} extends checkpoint {OneDocument}"));
    }

    private string PublicKeyPath => Path.Combine(_folder, "keys", "ledger-signing.pub.pem");

    private Task<Fleet> StartFleetAsync() =>
        Fleet.StartAsync(overrides: new Dictionary<string, string?> { ["Ingestion:Audit:SigningKeyPath"] = _keyPath });

    private async Task<Guid> ArchiveOneDocumentAsync(Fleet fleet, string name, int seed, int entries)
    {
        var folder = SamplePacketWriter.WritePacket(Path.Combine(_folder, name), Site, [SamplePacketWriter.Variant.Current], seed);
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);
        var document = (await fleet.WaitForPacketsAsync(Deadline, packet.PacketId)).Single();
        Assert.That(document.State, Is.EqualTo("ARCHIVED"));
        await fleet.WaitForLedgerAsync(entries, Deadline);
        return document.CorrelationId;
    }
}
