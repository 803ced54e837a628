using System.Text.Json;
using Ingestion.Hosting;
using Ingestion.Samples;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Observability;

[TestFixture]
public sealed class SeqSinkTests
{
    private static readonly string[] DocumentProperties = ["CorrelationId", "PacketId", "SiteId", "DocumentSha256", "SchemaVersion", "Stage", "Attempt", "LatencyMs"];

    [Test]
    public async Task A_worker_with_a_seq_url_ships_each_stages_events_with_the_documents_identity_and_latency()
    {
        using var seq = new SeqIngestionListener();
        await using var fleet = await Fleet.StartAsync(
            FleetRoles.None,
            overrides: new Dictionary<string, string?> { ["Ingestion:Seq:ServerUrl"] = seq.Url, ["Ingestion:Seq:PeriodMs"] = "200" });
        await fleet.StartWorkerAsync("seq-worker");
        var samples = Directory.CreateTempSubdirectory("ingestion-seq-").FullName;
        try
        {
            var site = SamplePacketWriter.DemoSites[0];
            var packet = await fleet.SubmitAsync(
                SamplePacketWriter.WritePacket(Path.Combine(samples, "p"), site, [SamplePacketWriter.Variant.Current], 79), site.SiteId);
            await fleet.WaitForPacketsAsync(TimeSpan.FromSeconds(90), packet.PacketId);

            var parsed = await Eventually.Until(
                () => Task.FromResult(seq.Events.Where(e => Template(e).StartsWith("Parsed document", StringComparison.Ordinal)).ToList()),
                events => events.Count > 0, TimeSpan.FromSeconds(30), "the parse stage's event at the Seq endpoint");

            var properties = parsed[0].EnumerateObject().Select(p => p.Name).ToList();
            Assert.That(properties, Is.SupersetOf(DocumentProperties));
            Assert.That(parsed[0].GetProperty("SiteId").GetString(), Is.EqualTo(site.SiteId));
            Assert.That(parsed[0].GetProperty("PacketId").GetString(), Is.EqualTo(packet.PacketId.ToString()));
            Assert.That(parsed[0].GetProperty("WorkerId").GetString(), Is.EqualTo("seq-worker"));
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    private static string Template(JsonElement e) => e.TryGetProperty("@mt", out var template) ? template.GetString() ?? string.Empty : string.Empty;
}
