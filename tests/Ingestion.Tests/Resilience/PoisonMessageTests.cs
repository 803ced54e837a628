using System.Text;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using RabbitMQ.Client;

namespace Ingestion.Tests.Resilience;

/// <summary>Messages no consumer can use end in <c>_error</c> or <c>_skipped</c> with a reason, and the queue keeps flowing.</summary>
[TestFixture]
public sealed class PoisonMessageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Test]
    public async Task Invalid_json_missing_fields_an_unknown_type_and_a_50_mb_body_never_block_the_intake_queue()
    {
        await using var fleet = await Fleet.StartAsync();
        await PublishRawAsync(fleet.VirtualHost, "packet-intake", "{ this is not json"u8.ToArray(), "urn:message:Ingestion.Contracts:PacketSubmitted");
        await PublishRawAsync(fleet.VirtualHost, "packet-intake", Envelope("""{"packetId":"00000000-0000-0000-0000-000000000001","siteId":"US-BOS-001"}""", "PacketSubmitted"), null);
        await PublishRawAsync(fleet.VirtualHost, "packet-intake", Envelope("""{"anything":1}""", "SomethingNobodyConsumes"), null);
        await PublishRawAsync(fleet.VirtualHost, "packet-intake", Envelope($$"""{"note":"{{new string('x', 50 * 1024 * 1024)}}"}""", "PacketSubmitted"), null);

        var samples = Directory.CreateTempSubdirectory("ingestion-poison-").FullName;
        try
        {
            var site = SamplePacketWriter.DemoSites[0];
            var folder = SamplePacketWriter.WritePacket(Path.Combine(samples, "p"), site, [SamplePacketWriter.Variant.Current], 43);
            var packet = await fleet.SubmitAsync(folder, site.SiteId);

            var documents = await fleet.WaitForPacketsAsync(Deadline, packet.PacketId);

            Assert.That(documents.Single().State, Is.EqualTo("ARCHIVED"), "a good packet behind the poison goes through");
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }

        var errors = await Eventually.Until(
            () => RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "packet-intake_error"), n => n == 3, Deadline, "three messages in packet-intake_error");
        var skipped = await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "packet-intake_skipped");
        Assert.That((errors, skipped), Is.EqualTo((3L, 1L)));
        var headers = await RabbitManagement.PeekHeadersAsync(fleet.VirtualHost, "packet-intake_error");
        Assert.That(headers.Keys, Does.Contain("MT-Fault-ExceptionType").And.Contain("MT-Fault-Message"), "each fault says why");
    }

    private static byte[] Envelope(string message, string type) => Encoding.UTF8.GetBytes(
        $$"""{"messageId":"{{Guid.NewGuid()}}","messageType":["urn:message:Ingestion.Contracts:{{type}}"],"message":{{message}}}""");

    private static async Task PublishRawAsync(string vhost, string queue, byte[] body, string? messageType)
    {
        await using var connection = await RabbitManagement.ConnectAsync(vhost);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties
        {
            ContentType = "application/vnd.masstransit+json",
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = Guid.NewGuid().ToString(),
            Headers = messageType is null ? null : new Dictionary<string, object?> { ["MT-MessageType"] = messageType },
        };
        await channel.BasicPublishAsync(queue, string.Empty, mandatory: true, properties, body);
    }
}
