using System.Text.Json;
using Ingestion.Hosting;
using Ingestion.Samples;
using Ingestion.Samples.Pdf;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Observability;

[TestFixture]
public sealed class DiagnoseTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private string _samples = null!;

    [SetUp]
    public void CreateSampleFolder() => _samples = Directory.CreateTempSubdirectory("ingestion-diagnose-").FullName;

    [TearDown]
    public void DeleteSampleFolder() => Directory.Delete(_samples, recursive: true);

    [Test]
    public async Task A_healthy_fleet_passes_every_checkpoint_and_a_burst_of_malformed_submissions_breaches_the_rejection_rate()
    {
        await using var fleet = await Fleet.StartAsync();
        var site = SamplePacketWriter.DemoSites[0];
        var good = await fleet.SubmitAsync(
            SamplePacketWriter.WritePacket(Path.Combine(_samples, "good"), site, Enumerable.Repeat(SamplePacketWriter.Variant.Current, 3).ToList(), 83), site.SiteId);
        await fleet.WaitForPacketsAsync(Deadline, good.PacketId);
        var healthyEntries = ExpectedLedger.EntriesFor(3, ExpectedOutcome.Archived);
        await fleet.WaitForLedgerAsync(healthyEntries, Deadline);

        var healthy = await fleet.RunIngestAsync("diagnose");
        Assert.That(healthy.ExitCode, Is.Zero, healthy.Output);
        Assert.That(healthy.Output, Does.Contain("3 of 3 = 100.0% ok"));

        var burst = await fleet.SubmitAsync(
            PdfPacketWriter.WritePacket(Path.Combine(_samples, "burst"), site, Enumerable.Repeat(PdfVariant.NotPdf, 4).ToList(), 89), site.SiteId);
        await fleet.WaitForPacketsAsync(Deadline, burst.PacketId);
        await fleet.WaitForLedgerAsync(healthyEntries + ExpectedLedger.EntriesFor(4, ExpectedOutcome.RejectedAtTheGate), Deadline);

        var flagged = await fleet.RunIngestAsync("diagnose", "--json");
        Assert.That(flagged.ExitCode, Is.EqualTo(1), flagged.Output);
        using var report = JsonDocument.Parse(flagged.Output[..(flagged.Output.LastIndexOf('}') + 1)]);
        var diagnosis = report.RootElement.GetProperty("diagnosis");
        Assert.That(report.RootElement.GetProperty("breached").GetBoolean(), Is.True);
        Assert.That(diagnosis.GetProperty("rejected").GetInt32(), Is.EqualTo(4));
        var group = diagnosis.GetProperty("rejections")[0];
        Assert.That($"{group.GetProperty("errorCode").GetString()} {group.GetProperty("siteId").GetString()} {group.GetProperty("count").GetInt32()}", Is.EqualTo($"NOT_PDF {site.SiteId} 4"));
    }

    [Test]
    public async Task A_starved_queue_breaches_the_depth_to_throughput_checkpoint()
    {
        // Only the audit role runs: nothing takes packets off packet-intake.
        await using var fleet = await Fleet.StartAsync(FleetRoles.Audit);
        var site = SamplePacketWriter.DemoSites[1];
        await fleet.SubmitAsync(
            SamplePacketWriter.WritePacket(Path.Combine(_samples, "p"), site, [SamplePacketWriter.Variant.Current], 97), site.SiteId);

        var result = await Eventually.Until(
            () => fleet.RunIngestAsync("diagnose", "--min-backlog", "1"), r => r.ExitCode == 1, Deadline, "diagnose to flag the starved queue");

        Assert.That(result.Output, Does.Contain("BREACH packet-intake"));
    }
}
