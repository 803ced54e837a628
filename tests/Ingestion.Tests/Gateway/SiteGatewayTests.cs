using System.Text.Json;
using Ingestion.Audit.Checkpoints;
using Ingestion.Contracts;
using Ingestion.Samples;
using Ingestion.Site.Client;
using Ingestion.Site.Registry;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Gateway;

/// <summary>Sites have their own identity and reach only their own door: the gateway, with a token of their own.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[TestFixture]
[NonParallelizable]
public sealed class SiteGatewayTests : SiteGatewayFixture
{
    protected override int Port => 8711;

    protected override bool WantsOtherMachine => true;

    [Test]
    public async Task A_site_submits_with_nothing_but_its_token_the_CA_and_the_address_and_gets_its_receipts_back()
    {
        var packetFolder = SamplePacketWriter.WritePacket(
            Path.Combine(Folder, "a-main"), SamplePacketWriter.DemoSites[0],
            [SamplePacketWriter.Variant.Current, SamplePacketWriter.Variant.Deprecated, SamplePacketWriter.Variant.Current], 301);
        var receipts = Path.Combine(Folder, "a-main-receipts");

        var (exit, output) = await RunAsSiteAsync(
            "submit", "--gateway", Gateway.Address.ToString(), "--token-file", TokenA, "--ca", Pki.CaPath, "--study", "ABC-123",
            "--wait", "--receipts", receipts, "--timeout", "120", packetFolder);

        Assert.That(exit, Is.Zero, output + Gateway.RecentLog);
        Assert.That(output, Does.Contain($"from {SiteA} submitted with 3 documents (accepted)"));
        var files = Directory.GetFiles(receipts, "*.receipt.json");
        Assert.That(files, Has.Length.EqualTo(3), output);
        var packetId = Guid.Parse(output.Split("Packet ")[1].Split(' ')[0]);
        foreach (var file in files)
        {
            var receipt = ReceiptJson.Read(await File.ReadAllTextAsync(file));
            var ledger = await Fleet.LedgerAsync(receipt.CorrelationId);
            Assert.That(ledger, Is.Not.Empty);
            Assert.That(ledger.Select(e => e.Event.SiteId).Distinct(), Is.EqualTo(new[] { SiteA }), "the site on every record is the credential's");
            Assert.That(ledger.Select(e => e.Event.PacketId).Distinct(), Is.EqualTo(new[] { packetId }));
        }

        var later = Path.Combine(Folder, "a-main-receipts-later");
        var fetched = await RunAsSiteAsync(
            "receipts", "--gateway", Gateway.Address.ToString(), "--token-file", TokenA, "--ca", Pki.CaPath, "--packet", packetId.ToString(), "--out", later);
        Assert.That(fetched.ExitCode, Is.Zero, fetched.Output);
        Assert.That(Directory.GetFiles(later).Select(Path.GetFileName), Is.EquivalentTo(files.Select(Path.GetFileName)));
    }

    [Test]
    public async Task A_site_on_another_machine_reaches_the_gateway_and_nothing_else_and_gets_its_receipts_back()
    {
        if (OtherMachine is null)
        {
            Assert.Ignore($"No site machine: {WhyNoOtherMachine}.");
        }

        var packetFolder = SamplePacketWriter.WritePacket(
            Path.Combine(Folder, "a-remote"), SamplePacketWriter.DemoSites[0], [SamplePacketWriter.Variant.Current, SamplePacketWriter.Variant.Current], 302);
        var receipts = Path.Combine(Folder, "a-remote-receipts");
        var gateway = $"https://{OtherMachine.HostAddress}:{Port + 1}";
        var broker = await RunAsync(OtherMachine.StartInfo(
            SiteEnvironment(), "timeout", "5", "bash", "-c",
            $"exec 3<>/dev/tcp/{OtherMachine.HostAddress}/{TestEnvironment.RabbitPort} && echo reached-broker; " +
            $"exec 4<>/dev/tcp/127.0.0.1/{TestEnvironment.RabbitPort} && echo reached-broker"));
        Assert.That(broker.Output, Does.Not.Contain("reached-broker"), "the site machine cannot reach the broker");

        var (exit, output) = await RunAsync(OtherMachine.StartInfo(
            SiteEnvironment(), "dotnet", Path.Combine(AppContext.BaseDirectory, "ingest.dll"),
            "submit", "--gateway", gateway, "--token-file", TokenA, "--ca", Pki.CaPath, "--study", "ABC-123",
            "--wait", "--receipts", receipts, "--timeout", "120", packetFolder));

        Assert.That(exit, Is.Zero, output + Gateway.RecentLog);
        Assert.That(Directory.GetFiles(receipts, "*.receipt.json"), Has.Length.EqualTo(2), output);
    }

    [Test]
    public async Task A_wrong_rotated_or_disabled_token_is_refused_with_401_and_each_refusal_is_recorded()
    {
        var site = "XX-ROT-001";
        var first = await AddSiteAsync(site);
        var wrong = WriteToken("wrong", "ist_" + new string('A', 43));
        var before = (await RefusalsAsync()).Count(r => r.Code == "UNAUTHENTICATED");

        var refusedWrong = Assert.ThrowsAsync<GatewayRefusedException>(async () => await SiteOf(wrong));
        var second = WriteToken(site, await Registry.RotateAsync(site, Operator));
        var refusedRotated = Assert.ThrowsAsync<GatewayRefusedException>(async () => await SiteOf(first));
        Assert.That(await SiteOf(second), Is.EqualTo(site), "the new token works");
        await Registry.DisableAsync(site, Operator, "site closed");
        var refusedDisabled = Assert.ThrowsAsync<GatewayRefusedException>(async () => await SiteOf(second));

        Assert.That(new[] { refusedWrong!.Status, refusedRotated!.Status, refusedDisabled!.Status }, Is.All.EqualTo(401));
        var after = (await RefusalsAsync()).Count(r => r.Code == "UNAUTHENTICATED");
        Assert.That(after - before, Is.EqualTo(3), "every refused credential is on the record");
        Assert.ThrowsAsync<SiteRegistryException>(async () => await Registry.AddAsync(site, Operator), "a disabled id is never reused");
        var listed = (await Registry.ListAsync()).Single(s => s.SiteId == site);
        Assert.That(listed.DisabledAt, Is.Not.Null);
        Assert.That(listed.TokenIssuedAt, Is.Null, "a disabled site has no live token");
    }

    [Test]
    public async Task Credential_changes_are_on_the_audit_trail_with_the_operator()
    {
        var site = "XX-AUD-001";
        await AddSiteAsync(site);
        await Registry.RotateAsync(site, Operator);
        await Registry.DisableAsync(site, Operator, "audit check");

        var entries = await Eventually.Until(
            async () => (await Fleet.LedgerAsync()).Where(e => e.Event.SiteId == site).ToList(),
            e => e.Count >= 3, Deadline, "the three credential entries on the ledger");
        Assert.That(entries.Select(e => e.Event.Action), Is.EqualTo(new[] { AuditActions.SiteAdded, AuditActions.SiteCredentialRotated, AuditActions.SiteDisabled }));
        Assert.That(entries.Select(e => e.Event.Actor.WorkerId), Is.All.EqualTo("operator:test"));
    }

    [Test]
    public async Task Receipt_names_of_look_alike_document_ids_do_not_collide()
    {
        var packetFolder = Path.Combine(Folder, "look-alike");
        Directory.CreateDirectory(packetFolder);
        var template = SamplePacketWriter.WritePacket(
            Path.Combine(Folder, "look-alike-source"), SamplePacketWriter.DemoSites[0], [SamplePacketWriter.Variant.Current, SamplePacketWriter.Variant.Current], 303);
        var sources = Directory.GetFiles(template).Where(f => !f.EndsWith("manifest.json", StringComparison.Ordinal)).Order().ToList();
        File.Copy(sources[0], Path.Combine(packetFolder, "one.txt"));
        File.Copy(sources[1], Path.Combine(packetFolder, "two.txt"));
        await File.WriteAllTextAsync(Path.Combine(packetFolder, "manifest.json"), JsonSerializer.Serialize(new
        {
            documents = new[]
            {
                new { documentId = "DOC/1", artifactType = "05.02.08", file = "one.txt" },
                new { documentId = "DOC:1", artifactType = "05.02.08", file = "two.txt" },
            },
        }));
        using var client = ClientFor(TokenA);

        var packet = await new SiteSubmission(client).SubmitAsync(packetFolder, "ABC-123", "tester", null, TextWriter.Null, CancellationToken.None);
        var saved = await ReceiptDownload.WaitAndSaveAsync(client, packet.PacketId, Path.Combine(Folder, "look-alike-receipts"), Deadline, CancellationToken.None);

        Assert.That(saved, Is.EqualTo((2, true)));
        Assert.That(
            Directory.GetFiles(Path.Combine(Folder, "look-alike-receipts")).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "DOC%2F1.receipt.json", "DOC%3A1.receipt.json" }));
    }

    private async Task<string> SiteOf(string tokenFile)
    {
        using var client = ClientFor(tokenFile);
        return (await client.SiteAsync(CancellationToken.None)).SiteId;
    }
}
