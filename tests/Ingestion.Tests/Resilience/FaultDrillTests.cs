using System.Diagnostics;
using Ingestion.Host.Hosting;
using Ingestion.Saga.Packets;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Resilience;

/// <summary>Fault drills on real worker processes, a real broker and a real database.</summary>
[TestFixture]
public sealed class FaultDrillTests
{
    private const int Documents = 1000;

    [Test]
    public async Task Three_workers_ingest_1000_documents_while_two_are_killed_and_every_document_ends_final_exactly_once()
    {
        await using var fleet = await Fleet.StartAsync(
            FleetRoles.None,
            overrides: new Dictionary<string, string?>
            {
                // A worker killed between committing a transition and sending its messages leaves that document waiting;
                // the recovery sweep of the surviving saga workers resumes it.
                ["Ingestion:Recovery:StaleAfterSeconds"] = "5",
                ["Ingestion:Recovery:SweepIntervalSeconds"] = "2",
            });
        var workers = new[] { fleet.StartWorkerProcess("drill-a"), fleet.StartWorkerProcess("drill-b"), fleet.StartWorkerProcess("drill-c") };
        var samples = Directory.CreateTempSubdirectory("ingestion-drill-").FullName;
        try
        {
            var site = SamplePacketWriter.DemoSites[1];
            var folder = SamplePacketWriter.WritePacket(Path.Combine(samples, "p"), site, Enumerable.Repeat(SamplePacketWriter.Variant.Current, Documents).ToList(), 61);
            var queries = fleet.Services.GetRequiredService<PacketStatusQueries>();
            var clock = Stopwatch.StartNew();
            var packet = await fleet.SubmitAsync(folder, site.SiteId);

            await KillWhenAsync(queries, packet.PacketId, workers[0], finalAtLeast: Documents / 4);
            await KillWhenAsync(queries, packet.PacketId, workers[1], finalAtLeast: Documents / 2);
            var documents = await fleet.WaitForPacketsAsync(TimeSpan.FromMinutes(5), packet.PacketId);
            var ledger = await Eventually.Until(
                () => fleet.LedgerAsync(), l => l.Count(e => e.Event.ToState is "ARCHIVED" or "REJECTED") >= Documents, TimeSpan.FromMinutes(2),
                "every final transition on the audit trail");
            TestContext.Out.WriteLine($"{Documents} documents final in {clock.Elapsed.TotalSeconds:F1} s with two of three workers killed.");

            Assert.That(documents, Has.Count.EqualTo(Documents), "one saga per document");
            var archived = documents.Count(d => d.State == "ARCHIVED");
            var rejected = documents.Count(d => d.State == "REJECTED");
            var inReview = documents.Count(d => d.State == "MANUAL_REVIEW");
            var deadLettered = 0L;
            foreach (var queue in new[] { "validate-document_error", "parse-document_error", "archive-document_error" })
            {
                deadLettered += Math.Max(0, await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, queue));
            }

            Assert.That(archived + rejected + inReview, Is.EqualTo(Documents), "archived + rejected + manual review = submitted");
            Assert.That(deadLettered, Is.LessThanOrEqualTo(rejected), "every dead-lettered message belongs to a rejected document");
            Assert.That(ledger.Select(e => e.Event.EventId), Is.Unique, "no audit entry duplicated");
            var finals = ledger.Where(e => e.Event.ToState is "ARCHIVED" or "REJECTED").GroupBy(e => e.Event.CorrelationId).ToList();
            Assert.That(finals.Select(g => g.Count()), Is.All.EqualTo(1), "each document reached its final state once");
            await using var connection = await fleet.OpenDatabaseAsync();
            await using var index = new NpgsqlCommand("SELECT count(*) FROM archived_documents", connection);
            Assert.That(await index.ExecuteScalarAsync(), Is.EqualTo((long)archived), "each archived document indexed once");
            var verify = await fleet.RunIngestAsync("audit", "verify");
            Assert.That(verify.ExitCode, Is.Zero, verify.Output);
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    private static async Task KillWhenAsync(PacketStatusQueries queries, Guid packetId, Process worker, int finalAtLeast)
    {
        await Eventually.Until(
            async () => (await queries.PacketsAsync([packetId])).SingleOrDefault()?.FinalCount ?? 0,
            final => final >= finalAtLeast, TimeSpan.FromMinutes(3), $"{finalAtLeast} final documents");
        worker.Kill();
        await worker.WaitForExitAsync();
    }
}
