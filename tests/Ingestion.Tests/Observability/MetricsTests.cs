using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Ingestion.Hosting;
using Ingestion.Samples;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Observability;

[TestFixture]
public sealed class MetricsTests
{
    [Test]
    public async Task A_workers_prometheus_endpoint_counts_final_documents_by_state_and_times_each_stage()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var fleet = await Fleet.StartAsync(
            FleetRoles.None, overrides: new Dictionary<string, string?> { ["Ingestion:Telemetry:PrometheusPort"] = port.ToString() });
        await fleet.StartWorkerAsync("metrics-worker");
        var samples = Directory.CreateTempSubdirectory("ingestion-metrics-").FullName;
        try
        {
            var site = SamplePacketWriter.DemoSites[0];
            var packet = await fleet.SubmitAsync(
                SamplePacketWriter.WritePacket(
                    Path.Combine(samples, "p"), site, [SamplePacketWriter.Variant.Current, SamplePacketWriter.Variant.Deprecated], 101),
                site.SiteId);
            await fleet.WaitForPacketsAsync(TimeSpan.FromSeconds(90), packet.PacketId);

            using var http = new HttpClient();
            var scrape = await Eventually.Until(
                async () =>
                {
                    try
                    {
                        return await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
                    }
                    catch (HttpRequestException)
                    {
                        return string.Empty;
                    }
                },
                text => text.Contains("state=\"REJECTED\"", StringComparison.Ordinal)
                    && Regex.IsMatch(text, "ingestion_outbox_backlog[^\n]* 0\n"),
                TimeSpan.FromSeconds(30),
                "both final documents in the scrape and an empty outbox");

            Assert.That(scrape, Does.Contain("ingestion_documents_final"));
            Assert.That(scrape, Does.Contain("error_code=\"SCHEMA_DEPRECATED\""));
            Assert.That(scrape, Does.Contain("state=\"ARCHIVED\""));
            Assert.That(scrape, Does.Contain("ingestion_stage_duration"));
            Assert.That(scrape, Does.Contain("stage=\"parse\""));
            Assert.That(scrape, Does.Match("ingestion_breaker_state[^\n]*endpoint=\"parse-document\"[^\n]*\\} 0"), "every breaker closed, by endpoint");
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }
}
