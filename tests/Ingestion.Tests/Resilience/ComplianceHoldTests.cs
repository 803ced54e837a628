using Ingestion.Consumers.Parsing;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Messaging.Breakers;
using Ingestion.Operations.Holds;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Ingestion.Tests.Resilience;

[TestFixture]
public sealed class ComplianceHoldTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [TestCase("BREAKER_OPEN")]
    [TestCase("DEAD_LETTER_RATE")]
    public async Task A_tripped_trigger_places_a_hold_that_keeps_new_packets_until_an_operator_releases_it_with_a_signature(string trigger)
    {
        var outage = new Outage { Down = true };
        await using var fleet = await Fleet.StartAsync(
            configureServices: services => services.Replace(ServiceDescriptor.Singleton<IFieldExtractor>(sp =>
                new OutageFieldExtractor(ActivatorUtilities.CreateInstance<FieldExtractionChain>(sp), outage))),
            overrides: new Dictionary<string, string?>
            {
                ["Ingestion:CircuitBreaker:ActivationThreshold"] = "3",
                ["Ingestion:CircuitBreaker:TripThresholdPercent"] = "50",
                ["Ingestion:CircuitBreaker:TrackingPeriodSeconds"] = "30",
                ["Ingestion:CircuitBreaker:RestartTimeoutSeconds"] = "3",
                ["Ingestion:ComplianceHold:CheckIntervalSeconds"] = "1",
                ["Ingestion:ComplianceHold:BreakerOpenSeconds"] = trigger == "BREAKER_OPEN" ? "1" : "3600",
                ["Ingestion:ComplianceHold:DeadLetterMinDocuments"] = trigger == "DEAD_LETTER_RATE" ? "10" : "100000",
            });
        var holds = fleet.Services.GetRequiredService<ComplianceHolds>();
        await People.CreateAsync(fleet, People.Operator);
        var samples = Directory.CreateTempSubdirectory("ingestion-hold-").FullName;
        try
        {
            var site = SamplePacketWriter.DemoSites[0];
            var first = await fleet.SubmitAsync(
                SamplePacketWriter.WritePacket(Path.Combine(samples, "a"), site, Enumerable.Repeat(SamplePacketWriter.Variant.Current, 30).ToList(), 53),
                site.SiteId);

            var hold = await Eventually.Until(() => holds.ActiveAsync(), h => h is not null, Deadline, "a compliance hold");
            var kept = await fleet.SubmitAsync(
                SamplePacketWriter.WritePacket(Path.Combine(samples, "b"), site, Enumerable.Repeat(SamplePacketWriter.Variant.Current, 3).ToList(), 59),
                site.SiteId);
            await Eventually.Until(() => holds.ActiveAsync(), h => h?.HeldPackets == 1, Deadline, "the second packet to be kept");

            Assert.That(hold!.Trigger, Is.EqualTo(trigger));
            Assert.That(await SagasOfAsync(fleet, kept.PacketId), Is.Zero, "a kept packet is not processed");
            var status = await fleet.RunIngestAsync("hold", "status");
            Assert.That(status.ExitCode, Is.EqualTo(ExitCodes.HoldActive), status.Output);
            Assert.That(status.Output, Does.Contain("COMPLIANCE HOLD"));

            outage.Down = false;
            // Released while a breaker is still open, the hold would rightly be placed again: wait for the breakers to close.
            await Eventually.Until(
                () => Task.FromResult(fleet.Services.GetRequiredService<BreakerStates>().OpenNow().Count), n => n == 0, Deadline, "every breaker closed");
            var refused = await fleet.RunIngestWithInputAsync(
                "wrong-password-1A\n", "hold", "release", "--by", People.Operator.UserName, "--reason", "Extraction service restored", "--password-stdin");
            Assert.That(refused.ExitCode, Is.EqualTo(1), refused.Output);
            Assert.That(await holds.ActiveAsync(), Is.Not.Null, "a wrong password releases nothing");
            var release = await fleet.RunIngestWithInputAsync(
                People.Password + "\n", "hold", "release", "--by", People.Operator.UserName, "--reason", "Extraction service restored", "--password-stdin");
            Assert.That(release.ExitCode, Is.Zero, release.Output);

            var documents = await fleet.WaitForPacketsAsync(Deadline, first.PacketId, kept.PacketId);
            Assert.That(documents.Where(d => d.PacketId == kept.PacketId).Select(d => d.State), Is.All.EqualTo("ARCHIVED"));
            var ledger = await Eventually.Until(
                () => fleet.LedgerAsync(), l => l.Any(e => e.Event.Action == "HOLD_RELEASED"), Deadline, "the release on the audit trail");
            var placed = ledger.Single(e => e.Event.Action == "HOLD_PLACED").Event;
            var released = ledger.Single(e => e.Event.Action == "HOLD_RELEASED").Event;
            var signature = ledger.Single(e => e.Event.Action == "E_SIGNATURE").Event;
            Assert.That(placed.Outcome, Is.EqualTo(trigger));
            Assert.That($"{released.Actor.WorkerId}: {released.Reason}", Does.StartWith("operator:mokafor: Extraction service restored (1 packets released; signature "));
            Assert.That($"{signature.Actor.WorkerId} {signature.Outcome} {signature.CorrelationId}", Is.EqualTo($"operator:mokafor RELEASE {hold.HoldId}"));
            Assert.That(ledger.Count(e => e.Event.Action == "SIGNATURE_REFUSED"), Is.EqualTo(1), "the wrong password is on the audit trail");
            Assert.That(await holds.ActiveAsync(), Is.Null);
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    [Test]
    public async Task A_starved_queue_places_a_backlog_hold()
    {
        // Only the audit role runs: nothing takes packets off packet-intake, so its backlog has no throughput at all.
        await using var fleet = await Fleet.StartAsync(
            FleetRoles.Audit,
            overrides: new Dictionary<string, string?>
            {
                ["Ingestion:ComplianceHold:CheckIntervalSeconds"] = "1",
                ["Ingestion:ComplianceHold:BacklogMinMessages"] = "1",
                ["Ingestion:ComplianceHold:BacklogWindowSeconds"] = "2",
            });
        var samples = Directory.CreateTempSubdirectory("ingestion-backlog-").FullName;
        try
        {
            var site = SamplePacketWriter.DemoSites[2];
            await fleet.SubmitAsync(SamplePacketWriter.WritePacket(Path.Combine(samples, "p"), site, [SamplePacketWriter.Variant.Current], 71), site.SiteId);

            var hold = await Eventually.Until(
                () => fleet.Services.GetRequiredService<ComplianceHolds>().ActiveAsync(), h => h is not null, Deadline, "a backlog hold");

            Assert.That(hold!.Trigger, Is.EqualTo("QUEUE_BACKLOG"));
            Assert.That(hold.Reason, Does.Contain("packet-intake"));
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    private static async Task<long> SagasOfAsync(Fleet fleet, Guid packetId)
    {
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM document_ingestion WHERE packet_id = @p", connection);
        count.Parameters.AddWithValue("p", packetId);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
