using System.Text;
using System.Text.Json;
using Ingestion.Audit.Checkpoints;
using Ingestion.Samples;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Audit;

/// <summary>Receipts written for a site when its packet completes, checked offline as an inspector would.</summary>
[TestFixture]
public sealed class PacketReceiptTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[0];
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("ingestion-receipts-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_completed_packet_leaves_each_document_a_receipt_that_verifies_offline_and_covers_its_final_entry()
    {
        var receipts = Path.Combine(_folder, "receipts");
        var keyPath = Path.Combine(_folder, "keys", "ledger-signing.pem");
        // No periodic checkpoint: the receipts must get a covering one signed on demand.
        await using var fleet = await Fleet.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["Ingestion:Receipts:Root"] = receipts,
            ["Ingestion:Audit:SigningKeyPath"] = keyPath,
            ["Ingestion:Audit:CheckpointIntervalSeconds"] = "0",
        });
        var folder = SamplePacketWriter.WritePacket(
            Path.Combine(_folder, "p"), Site,
            [SamplePacketWriter.Variant.Current, SamplePacketWriter.Variant.Deprecated, SamplePacketWriter.Variant.Current], 59);
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);
        var documents = await fleet.WaitForPacketsAsync(Deadline, packet.PacketId);
        var files = documents.ToDictionary(d => d, d => Path.Combine(receipts, d.SiteId, d.PacketId.ToString("D"), d.DocumentId + ".receipt.json"));

        await Eventually.Until(() => Task.FromResult(files.Values.Count(File.Exists)), n => n == documents.Count, Deadline, "a receipt per document");

        var publicKey = await File.ReadAllTextAsync(LedgerSigningKey.PublicKeyPath(keyPath));
        Assert.That(documents.Select(d => d.State), Is.EquivalentTo(new[] { "ARCHIVED", "ARCHIVED", "REJECTED" }));
        foreach (var (document, file) in files)
        {
            var json = await File.ReadAllTextAsync(file);
            var verification = ReceiptVerifier.Verify(json, publicKey);
            Assert.That(verification.Problem, Is.Null, file);
            var receipt = ReceiptJson.Read(json);
            var ledger = await fleet.LedgerAsync(document.CorrelationId);
            Assert.That(receipt.CorrelationId, Is.EqualTo(document.CorrelationId));
            Assert.That(receipt.Entries.Select(e => e.Seq), Is.EqualTo(ledger.Select(e => e.Seq)), "every entry of the document");
            using var last = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(receipt.Entries[^1].CanonicalJson)));
            Assert.That(last.RootElement.GetProperty("to_state").GetString(), Is.EqualTo(document.State), "the final entry is covered");
        }

        var cli = await fleet.RunIngestAsync("audit", "verify-receipt", files.Values.First(), "--key", LedgerSigningKey.PublicKeyPath(keyPath));
        Assert.That(cli.ExitCode, Is.Zero, cli.Output);
        Assert.That(cli.Output, Does.Contain("Receipt verifies"));
    }
}
