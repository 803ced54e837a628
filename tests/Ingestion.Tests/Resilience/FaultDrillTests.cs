using System.Diagnostics;
using System.Text.Json;
using Ingestion.Hosting;
using Ingestion.Qualification.Isolation;
using Ingestion.Saga.Packets;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

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
                // The durable outbox alone must carry a document past a killed worker: the recovery sweep stays out of it.
                ["Ingestion:Recovery:Enabled"] = "false",
                // One packet of them all, past the intake's default limit of 200 documents a packet.
                ["Ingestion:Intake:MaxDocumentsPerPacket"] = Documents.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        var workers = await Task.WhenAll(fleet.StartWorkerAsync("drill-a"), fleet.StartWorkerAsync("drill-b"), fleet.StartWorkerAsync("drill-c"));
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
            var documents = await DrillAccounting.WaitForPacketAsync(fleet, packet.PacketId, TimeSpan.FromMinutes(5));
            TestContext.Out.WriteLine($"{Documents} documents final in {clock.Elapsed.TotalSeconds:F1} s with two of three workers killed.");
            await DrillAccounting.AssertNothingLostOrDuplicatedAsync(fleet, documents, Documents);
            var diagnose = await fleet.RunIngestAsync("diagnose", "--json");
            using var report = JsonDocument.Parse(diagnose.Output[..(diagnose.Output.LastIndexOf('}') + 1)]);
            Assert.That(
                report.RootElement.GetProperty("coveragePercent").GetDouble(), Is.EqualTo(100),
                "every document's receipt and final state on the audit trail, though two workers died: " + diagnose.Output);
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    private static async Task KillWhenAsync(PacketStatusQueries queries, Guid packetId, WorkerProcess worker, int finalAtLeast)
    {
        await Eventually.Until(
            async () => (await queries.PacketsAsync([packetId])).SingleOrDefault()?.FinalCount ?? 0,
            final => final >= finalAtLeast, TimeSpan.FromMinutes(3), $"{finalAtLeast} final documents");
        await worker.KillAsync();
    }
}
