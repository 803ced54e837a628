using System.Security.Cryptography;
using System.Text.Json;
using Ingestion.Contracts;
using Ingestion.Samples;
using Ingestion.Site.Client;
using Ingestion.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Gateway;

/// <summary>Every way a site might be someone else, or break a limit, is refused with a reason on the record.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[TestFixture]
[NonParallelizable]
public sealed class SubmissionRefusalTests : SiteGatewayFixture
{
    protected override int Port => 8713;

    [Test]
    public async Task A_manifest_naming_another_site_is_refused_and_recorded_under_the_authenticated_site()
    {
        using var client = ClientFor(TokenA);
        var (reference, sha256, size) = await UploadAsync(client, "naming another site");
        var packetId = Guid.NewGuid();

        var refused = Assert.ThrowsAsync<GatewayRefusedException>(() => client.SubmitAsync(Manifest(packetId, [Document("D1", reference, sha256, size)], site: SiteB), default));

        Assert.That((refused!.Status, refused.Code), Is.EqualTo((403, "SITE_MISMATCH")));
        var record = (await RefusalsAsync()).Single(r => r.PacketId == packetId);
        Assert.That((record.Stage, record.SiteId, record.ClaimedSiteId, record.Code), Is.EqualTo(("gateway", SiteA, SiteB, "SITE_MISMATCH")));
        Assert.That(await CountAsync("SELECT count(*) FROM site_packets WHERE packet_id = @p", ("p", packetId)), Is.Zero);
    }

    [Test]
    public async Task Site_B_reusing_site_A_packet_id_is_refused_and_A_packet_and_receipts_are_untouched()
    {
        using var a = ClientFor(TokenA);
        using var b = ClientFor(TokenB);
        var folder = SamplePacketWriter.WritePacket(
            Path.Combine(Folder, "a-owned"), SamplePacketWriter.DemoSites[0], [SamplePacketWriter.Variant.Current, SamplePacketWriter.Variant.Current], 311);
        var packet = await new SiteSubmission(a).SubmitAsync(folder, "ABC-123", "a", null, TextWriter.Null, default);
        var receiptsBefore = Path.Combine(Folder, "a-owned-before");
        Assert.That(await ReceiptDownload.WaitAndSaveAsync(a, packet.PacketId, receiptsBefore, Deadline, default), Is.EqualTo((2, true)));
        var (reference, sha256, size) = await UploadAsync(b, "site B's own document");

        var refused = Assert.ThrowsAsync<GatewayRefusedException>(() => b.SubmitAsync(Manifest(packet.PacketId, [Document("B1", reference, sha256, size)]), default));

        Assert.That((refused!.Status, refused.Code), Is.EqualTo((409, "PACKET_ID_TAKEN")));
        Assert.That(refused.Reason, Does.Not.Contain(SiteA), "site B learns nothing of site A");
        Assert.That((await RefusalsAsync()).Single(r => r.PacketId == packet.PacketId && r.Code == "PACKET_ID_TAKEN").SiteId, Is.EqualTo(SiteB));
        var status = await a.StatusAsync(packet.PacketId, default);
        Assert.That(status["documentCount"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(await CountAsync("SELECT count(*) FROM packets WHERE packet_id = @p AND site_id = @s AND document_count = 2", ("p", packet.PacketId), ("s", SiteA)), Is.EqualTo(1));
        var seenByB = Assert.ThrowsAsync<GatewayRefusedException>(() => b.ReceiptsAsync(packet.PacketId, default));
        Assert.That(seenByB!.Status, Is.EqualTo(404), "site B cannot read site A's receipts");
        var receiptsAfter = Path.Combine(Folder, "a-owned-after");
        Assert.That(await ReceiptDownload.SaveAsync(a, packet.PacketId, receiptsAfter, default), Is.EqualTo((2, true)));
        foreach (var file in Directory.GetFiles(receiptsBefore))
        {
            Assert.That(await File.ReadAllTextAsync(Path.Combine(receiptsAfter, Path.GetFileName(file))), Is.EqualTo(await File.ReadAllTextAsync(file)));
        }
    }

    [Test]
    public async Task Site_B_referencing_content_that_site_A_uploaded_is_refused()
    {
        using var a = ClientFor(TokenA);
        using var b = ClientFor(TokenB);
        var (reference, sha256, size) = await UploadAsync(a, "site A's confidential document");
        var packetId = Guid.NewGuid();

        var refused = Assert.ThrowsAsync<GatewayRefusedException>(() => b.SubmitAsync(Manifest(packetId, [Document("B1", reference, sha256, size)]), default));

        Assert.That((refused!.Status, refused.Code), Is.EqualTo((403, "CONTENT_NOT_OWNED")));
        Assert.That((await RefusalsAsync()).Single(r => r.PacketId == packetId).SiteId, Is.EqualTo(SiteB));
    }

    [Test]
    public async Task A_document_declaring_another_size_than_its_content_is_refused()
    {
        using var a = ClientFor(TokenA);
        var (reference, sha256, size) = await UploadAsync(a, "size check");
        var refused = Assert.ThrowsAsync<GatewayRefusedException>(() => a.SubmitAsync(Manifest(Guid.NewGuid(), [Document("D1", reference, sha256, size + 1)]), default));
        Assert.That(refused!.Code, Is.EqualTo("SIZE_MISMATCH"));
    }

    [TestCase("abc", "INVALID_HASH", TestName = "A declared hash of three characters is refused")]
    [TestCase("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg", "INVALID_HASH", TestName = "A declared hash with a non-hex digit is refused")]
    [TestCase("DOC\u0000X", "INVALID_TEXT", TestName = "A NUL in a document id is refused")]
    [TestCase("DOC\u001b[31mRED", "INVALID_TEXT", TestName = "An escape character in a document id is refused")]
    [TestCase("DOC\u202Egpj.exe", "INVALID_TEXT", TestName = "A bidi override in a document id is refused")]
    public async Task A_manifest_breaking_a_rule_is_refused_with_a_reason_on_the_record(string value, string code)
    {
        using var a = ClientFor(TokenA);
        var (reference, sha256, size) = await UploadAsync(a, $"rule {code} {value.Length}");
        var document = code == "INVALID_HASH" ? Document("D1", reference, value, size) : Document(value, reference, sha256, size);
        var packetId = Guid.NewGuid();

        var refused = Assert.ThrowsAsync<GatewayRefusedException>(() => a.SubmitAsync(Manifest(packetId, [document]), default));

        Assert.That((refused!.Status, refused.Code), Is.EqualTo((422, code)));
        var record = (await RefusalsAsync()).Single(r => r.PacketId == packetId);
        Assert.That((record.SiteId, record.Code), Is.EqualTo((SiteA, code)));
        Assert.That(record.Reason.All(c => !char.IsControl(c)), Is.True, "the reason on the record is printable");
    }

    [Test]
    public async Task A_packet_of_more_documents_than_the_limit_is_refused()
    {
        using var a = ClientFor(TokenA);
        var (reference, sha256, size) = await UploadAsync(a, "many");
        var packetId = Guid.NewGuid();
        var documents = Enumerable.Range(1, MaxDocuments + 1).Select(i => Document($"D{i}", reference, sha256, size)).ToArray();

        var refused = Assert.ThrowsAsync<GatewayRefusedException>(() => a.SubmitAsync(Manifest(packetId, documents), default));

        Assert.That((refused!.Status, refused.Code), Is.EqualTo((422, "TOO_MANY_DOCUMENTS")));
        Assert.That((await RefusalsAsync()).Single(r => r.PacketId == packetId).Code, Is.EqualTo("TOO_MANY_DOCUMENTS"));
    }

    [Test]
    public async Task A_file_larger_than_the_limit_is_refused_and_nothing_of_it_is_kept()
    {
        using var a = ClientFor(TokenA);
        var before = (await RefusalsAsync()).Count(r => r.Code == "FILE_TOO_LARGE");
        var bytes = new byte[MaxFileBytes + 1];
        RandomNumberGenerator.Fill(bytes);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var refused = Assert.ThrowsAsync<GatewayRefusedException>(() => a.UploadAsync(new MemoryStream(bytes), bytes.Length, default));

        Assert.That((refused!.Status, refused.Code), Is.EqualTo((413, "FILE_TOO_LARGE")));
        Assert.That((await RefusalsAsync()).Count(r => r.Code == "FILE_TOO_LARGE" && r.SiteId == SiteA), Is.EqualTo(before + 1));
        Assert.That(await CountAsync("SELECT count(*) FROM site_content WHERE sha256 = @h", ("h", sha256)), Is.Zero);
        Assert.That(File.Exists(Path.Combine(Fleet.ContentRoot, "objects", sha256[..2], sha256)), Is.False);
    }

    [Test]
    public async Task A_changed_resubmission_under_the_same_packet_id_is_refused_and_the_same_one_is_taken_once()
    {
        using var a = ClientFor(TokenA);
        var (reference, sha256, size) = await UploadAsync(a, "first version");
        var (changed, changedSha, changedSize) = await UploadAsync(a, "second version, other bytes");
        var packetId = Guid.NewGuid();
        var first = await a.SubmitAsync(Manifest(packetId, [Document("D1", reference, sha256, size)]), default);
        var again = await a.SubmitAsync(Manifest(packetId, [Document("D1", reference, sha256, size)]), default);

        var refused = Assert.ThrowsAsync<GatewayRefusedException>(() => a.SubmitAsync(Manifest(packetId, [Document("D1", changed, changedSha, changedSize)]), default));

        Assert.That((first["status"]!.GetValue<string>(), again["status"]!.GetValue<string>()), Is.EqualTo(("accepted", "already-recorded")));
        Assert.That((refused!.Status, refused.Code), Is.EqualTo((409, "PACKET_CHANGED")));
        Assert.That(refused.Reason, Does.Contain("new packet id"));
        Assert.That((await RefusalsAsync()).Single(r => r.PacketId == packetId).Code, Is.EqualTo("PACKET_CHANGED"));
    }

    [TestCase("../outside.txt", TestName = "ingest submit refuses a file above the packet folder before sending anything")]
    [TestCase("/etc/hostname", TestName = "ingest submit refuses an absolute path before sending anything")]
    [TestCase("/dev/zero", TestName = "ingest submit refuses a device before sending anything")]
    [TestCase("link-to-hostname", TestName = "ingest submit refuses a symbolic link before sending anything")]
    [TestCase("link-to-zero", TestName = "ingest submit refuses a symbolic link to a device before sending anything")]
    [TestCase("sub/../../outside.txt", TestName = "ingest submit refuses a climbing path inside a folder before sending anything")]
    public async Task Ingest_submit_refuses_a_manifest_path_that_leaves_the_packet_folder(string file)
    {
        var root = Directory.CreateTempSubdirectory("ingestion-escape-").FullName;
        var packetFolder = Path.Combine(root, "packet");
        Directory.CreateDirectory(Path.Combine(packetFolder, "sub"));
        await File.WriteAllTextAsync(Path.Combine(root, "outside.txt"), "a secret beside the packet folder");
        await File.WriteAllTextAsync(Path.Combine(packetFolder, "fine.txt"), "Template: FDA-1572; Version: 2.0");
        File.CreateSymbolicLink(Path.Combine(packetFolder, "link-to-hostname"), "/etc/hostname");
        File.CreateSymbolicLink(Path.Combine(packetFolder, "link-to-zero"), "/dev/zero");
        await File.WriteAllTextAsync(Path.Combine(packetFolder, "manifest.json"), JsonSerializer.Serialize(new
        {
            documents = new[]
            {
                new { documentId = "FINE", artifactType = "05.02.08", file = "fine.txt" },
                new { documentId = "ESCAPE", artifactType = "05.02.08", file },
            },
        }));
        var uploads = await CountAsync("SELECT count(*) FROM site_content");
        var refusals = (await RefusalsAsync()).Count;

        var (exit, output) = await RunAsSiteAsync(
            "submit", "--gateway", Gateway.Address.ToString(), "--token-file", TokenA, "--ca", Pki.CaPath, "--study", "ABC-123", packetFolder);

        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("Not submitted"));
        Assert.That(await CountAsync("SELECT count(*) FROM site_content"), Is.EqualTo(uploads), "nothing was uploaded");
        Assert.That((await RefusalsAsync()).Count, Is.EqualTo(refusals), "nothing reached the gateway");
        Directory.Delete(root, recursive: true);
    }

    [Test]
    public async Task Intake_refuses_packet_messages_the_gateway_did_not_record_and_records_why()
    {
        using var a = ClientFor(TokenA);
        var (reference, sha256, size) = await UploadAsync(a, "intake defence");
        var owned = Guid.NewGuid();
        await a.SubmitAsync(Manifest(owned, [Document("D1", reference, sha256, size)]), default);
        const string ownedByA = "SELECT count(*) FROM packets WHERE packet_id = @p AND site_id = @s AND document_count = 1";
        await Eventually.Until(() => CountAsync(ownedByA, ("p", owned), ("s", SiteA)), n => n == 1, Deadline, "site A's packet at intake");
        var bus = Fleet.Services.GetRequiredService<IBus>();
        var document = new SubmittedDocument { DocumentId = "D1", ArtifactType = "05.02.08", FileName = "d1.txt", SizeBytes = size, Sha256 = sha256, ContentReference = reference };
        var unrecorded = Packet(Guid.NewGuid(), SiteA, document);
        var otherSite = Packet(owned, SiteB, document);
        var nul = Packet(Guid.NewGuid(), SiteA, document with { DocumentId = "D\u00001" });

        foreach (var packet in new[] { unrecorded, otherSite, nul })
        {
            await bus.Send(packet);
        }

        var refusals = await Eventually.Until(
            async () => (await RefusalsAsync()).Where(r => r.Stage == "intake").ToList(),
            r => r.Count >= 3, Deadline, "three refusals at intake");
        Assert.That(refusals.Single(r => r.PacketId == unrecorded.PacketId).Code, Is.EqualTo("NOT_RECORDED"));
        var mismatch = refusals.Single(r => r.PacketId == owned);
        Assert.That((mismatch.Code, mismatch.SiteId, mismatch.ClaimedSiteId), Is.EqualTo(("SITE_MISMATCH", SiteA, SiteB)));
        Assert.That(refusals.Single(r => r.PacketId == nul.PacketId).Code, Is.EqualTo("INVALID_TEXT"));
        Assert.That(await CountAsync("SELECT count(*) FROM packets WHERE packet_id = ANY(@p)", ("p", new[] { unrecorded.PacketId, nul.PacketId })), Is.Zero);
        Assert.That(await CountAsync(ownedByA, ("p", owned), ("s", SiteA)), Is.EqualTo(1), "site A's packet is untouched");
    }

    private static async Task<(string Reference, string Sha256, long Size)> UploadAsync(GatewayClient client, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes($"Template: FDA-1572; Version: 2.0\n{text}\n{Guid.NewGuid()}\n");
        return await client.UploadAsync(new MemoryStream(bytes), bytes.Length, default);
    }

    private static object Document(string id, string reference, string sha256, long size) =>
        new { documentId = id, artifactType = "05.02.08", fileName = "document.txt", sizeBytes = size, sha256, contentReference = reference };

    private static object Manifest(Guid packetId, object[] documents, string? site = null) =>
        new { packetId, siteId = site, studyId = "ABC-123", submittedBy = "tester", documents };

    private static PacketSubmitted Packet(Guid packetId, string site, SubmittedDocument document) => new()
    {
        PacketId = packetId, SiteId = site, StudyId = "ABC-123", SubmittedAt = DateTime.UtcNow, SubmittedBy = "forger", Documents = [document],
    };
}
