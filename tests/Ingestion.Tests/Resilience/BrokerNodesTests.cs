using System.Net;
using System.Net.Sockets;
using Ingestion.Samples;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Resilience;

/// <summary>Given every node of the broker (<c>Ingestion:RabbitMq:Nodes</c>), a process works through any that answers.</summary>
[TestFixture]
public sealed class BrokerNodesTests
{
    [Test]
    public async Task A_fleet_whose_first_listed_node_is_down_works_and_is_operated_through_the_next_node()
    {
        var samples = Directory.CreateTempSubdirectory("ingestion-nodes-").FullName;
        try
        {
            // The first node of each list accepts no connection, like a node that has died.
            await using var fleet = await Fleet.StartAsync(overrides: new Dictionary<string, string?>
            {
                ["Ingestion:RabbitMq:Nodes"] = $"127.0.0.1:{ClosedPort()},{TestEnvironment.RabbitHost}:{TestEnvironment.RabbitPort}",
                ["Ingestion:RabbitMq:ManagementNodes"] = $"127.0.0.1:{ClosedPort()},{TestEnvironment.RabbitHost}:{TestEnvironment.RabbitManagementPort}",
            });
            var site = SamplePacketWriter.DemoSites[0];
            var folder = SamplePacketWriter.WritePacket(Path.Combine(samples, "p"), site, [SamplePacketWriter.Variant.Current], 81);

            var packet = await fleet.SubmitAsync(folder, site.SiteId);
            var documents = await fleet.WaitForPacketsAsync(TimeSpan.FromSeconds(90), packet.PacketId);
            var list = await fleet.RunIngestAsync("dlq", "list");

            Assert.That(documents.Single().State, Is.EqualTo("ARCHIVED"));
            Assert.That(list.ExitCode, Is.Zero, list.Output);
            Assert.That(list.Output, Does.Contain("0 dead-lettered messages in 0 error queues."));
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
