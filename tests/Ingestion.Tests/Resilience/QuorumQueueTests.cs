using System.Security.Cryptography;
using System.Text;
using Ingestion.Consumers.Parsing;
using Ingestion.Hosting;
using Ingestion.Messaging.Broker;
using Ingestion.Messaging.Fleet;
using Ingestion.Qualification.Isolation;
using Ingestion.Saga.Packets;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RabbitMQ.Client;

namespace Ingestion.Tests.Resilience;

/// <summary>
/// A fleet configured for quorum queues (<c>Ingestion:RabbitMq:QueueType</c>), on one node: what it declares, what
/// its delivery limit does to a message that keeps killing its worker, and what it does on an existing classic deployment.
/// </summary>
[TestFixture]
public sealed class QuorumQueueTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[0];
    private string _samples = null!;

    [SetUp]
    public void CreateSampleFolder() => _samples = Directory.CreateTempSubdirectory("ingestion-quorum-").FullName;

    [TearDown]
    public void DeleteSampleFolder() => Directory.Delete(_samples, recursive: true);

    [Test]
    public async Task Every_durable_queue_of_a_quorum_fleet_is_a_quorum_queue_and_a_parked_message_comes_back_from_its_wait_queue()
    {
        // The first delivery's four attempts fail, so the parse waits in a wait queue; it comes back and succeeds.
        var folder = SamplePacketWriter.WritePacket(Path.Combine(_samples, "p"), Site, [SamplePacketWriter.Variant.Current], 51);
        await using var fleet = await Fleet.StartAsync(
            configureServices: services => services.Replace(ServiceDescriptor.Singleton<IFieldExtractor>(sp =>
                new FlakyFieldExtractor(ActivatorUtilities.CreateInstance<FieldExtractionChain>(sp), failures: 4, affects: _ => true))),
            overrides: Quorum(deliveryLimit: 5, new()
            {
                ["Ingestion:Redelivery:MaxRedeliveries"] = "2",
                ["Ingestion:Redelivery:BaseDelayMs"] = "300",
                ["Ingestion:Redelivery:MaxDelayMs"] = "1000",
            }));
        // A message MassTransit cannot read (to _error) and one nobody consumes (to _skipped).
        await PublishAsync(fleet.VirtualHost, FleetQueues.PacketIntake, "{ not json"u8.ToArray(), "urn:message:Ingestion.Contracts:PacketSubmitted");
        await PublishAsync(fleet.VirtualHost, FleetQueues.PacketIntake,
            Encoding.UTF8.GetBytes($$$"""{"messageId":"{{{Guid.NewGuid()}}}","messageType":["urn:message:Ingestion.Contracts:NobodyConsumesThis"],"message":{}}"""), null);

        var packet = await fleet.SubmitAsync(folder, Site.SiteId);
        var documents = await fleet.WaitForPacketsAsync(Deadline, packet.PacketId);

        Assert.That(documents.Single().State, Is.EqualTo("ARCHIVED"), await fleet.ExplainAsync(documents));
        await Eventually.Until(
            async () => (await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "packet-intake_error"), await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "packet-intake_skipped")),
            depths => depths == (1, 1), Deadline, "the unreadable and the unconsumed message set aside");
        using var management = new RabbitManagement();
        var queues = (await management.QueuesAsync(fleet.VirtualHost)).Where(q => q.Durable).ToList();
        var names = queues.Select(q => q.Name).ToList();
        Assert.That(names, Is.SupersetOf(FleetQueues.All.Concat(FleetQueues.All.Select(q => q + "_error")))
            .And.Contains("parse-document_wait_300ms").And.Contains("packet-intake_skipped"));
        Assert.That(queues.Where(q => q.Type != "quorum").Select(q => $"{q.Name} ({q.Type})"), Is.Empty, "durable queues that are not quorum queues");

        var parse = queues.Single(q => q.Name == FleetQueues.ParseDocument).Arguments;
        Assert.That(
            (parse["x-delivery-limit"], parse["x-dead-letter-exchange"], parse["x-dead-letter-routing-key"], parse["x-dead-letter-strategy"], parse["x-overflow"]),
            Is.EqualTo((5L, string.Empty, "parse-document_error", "at-least-once", "reject-publish")));
        var wait = queues.Single(q => q.Name == "parse-document_wait_300ms").Arguments;
        Assert.That(
            (wait["x-message-ttl"], wait["x-dead-letter-routing-key"], wait["x-dead-letter-strategy"], wait["x-overflow"]),
            Is.EqualTo((300L, "parse-document", "at-least-once", "reject-publish")), "a wait queue hands its messages back at least once");
        foreach (var held in queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) || q.Name.EndsWith("_skipped", StringComparison.Ordinal)))
        {
            Assert.That(held.Arguments.Keys, Has.None.AnyOf("x-delivery-limit", "x-message-ttl", "x-max-length"), $"{held.Name} keeps its messages for an operator");
            Assert.That(
                (held.Arguments["x-queue-type"], held.Arguments["x-dead-letter-exchange"], held.Arguments["x-dead-letter-routing-key"], held.Arguments["x-dead-letter-strategy"]),
                Is.EqualTo(("quorum", string.Empty, QueueArguments.InputQueueOf(held.Name), "at-least-once")),
                $"{held.Name} hands a message an operator rejects back to its input queue, at least once");
        }
    }

    [Test]
    public async Task A_document_that_kills_its_worker_ends_in_the_error_queue_after_the_delivery_limit_with_a_readable_reason_and_the_fleet_keeps_working()
    {
        var poisonFolder = SamplePacketWriter.WritePacket(Path.Combine(_samples, "poison"), Site, [SamplePacketWriter.Variant.Current], 61);
        var poison = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(poisonFolder, "001-fda-1572.txt"))));
        // Every role in this process but parse, which only real worker processes run, each of them killed by the poison.
        await using var fleet = await Fleet.StartAsync(FleetRoles.All & ~FleetRoles.Parse, overrides: Quorum(deliveryLimit: 1));
        // The fleet owns the worker processes it starts, and stops them when disposed.
        var workers = new List<WorkerProcess>();
        var packet = await fleet.SubmitAsync(poisonFolder, Site.SiteId);

        // A supervisor's part: start a parse worker whenever none is running.
        await Eventually.Until(
            async () =>
            {
                if (workers.All(w => w.HasExited))
                {
                    workers.Add(fleet.StartWorkerProcess($"parse-{workers.Count + 1}", PoisonStartupHook.Variables(poison), roles: "parse"));
                }

                return await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "parse-document_error");
            },
            depth => depth == 1, TimeSpan.FromMinutes(5), "the poisonous parse in parse-document_error");

        Assert.That(workers.Count(w => w.HasExited), Is.EqualTo(2), "delivered twice (a delivery limit of 1), each time killing its worker");
        var letter = await ErrorQueueMessage.PeekAsync(fleet.VirtualHost, "parse-document_error");
        var list = await fleet.RunIngestAsOperatorAsync("dlq", "list");
        Assert.That(list.Output, Does.Match($@"(?m)^parse-document_error\s+RabbitMQ delivery_limit\s+{Site.SiteId}\s+DELIVERY_LIMIT\s+1\s"), list.Output);
        var show = await fleet.RunIngestAsOperatorAsync("dlq", "show", letter.MessageId!);
        Assert.That(show.ExitCode, Is.Zero, show.Output);
        Assert.That(show.Output, Does.Contain(
            "Reason         RabbitMQ took it out of parse-document: it was delivered more often than the queue's delivery limit"));
        Assert.That(show.Output, Does.Contain("x-first-death-reason: delivery_limit"));
        var waiting = await fleet.Services.GetRequiredService<PacketStatusQueries>().DocumentsAsync([packet.PacketId]);
        Assert.That(waiting.Single().State, Is.EqualTo("PARSING"), "the document waits for an operator, neither lost nor rejected");

        // The fleet keeps working: the next document is parsed by a worker of the same kind.
        if (workers.All(w => w.HasExited))
        {
            workers.Add(fleet.StartWorkerProcess($"parse-{workers.Count + 1}", PoisonStartupHook.Variables(poison), roles: "parse"));
        }

        var healthyFolder = SamplePacketWriter.WritePacket(Path.Combine(_samples, "healthy"), Site, [SamplePacketWriter.Variant.Current], 62);
        var healthy = await fleet.SubmitAsync(healthyFolder, Site.SiteId);
        var documents = await fleet.WaitForPacketsAsync(TimeSpan.FromMinutes(3), healthy.PacketId);
        Assert.That(documents.Single().State, Is.EqualTo("ARCHIVED"), workers[^1].RecentLog);
    }

    [Test]
    public async Task A_quorum_fleet_starting_on_an_existing_classic_deployment_keeps_its_queues_warns_that_a_migration_is_due_and_works()
    {
        // A client of the classic kind declares every work queue the classic way, as an existing deployment has them.
        await using var fleet = await Fleet.StartAsync(FleetRoles.None);
        var worker = fleet.StartWorkerProcess("quorum-worker", Quorum(deliveryLimit: 5));
        using var management = new RabbitManagement();

        await Eventually.Until(
            async () => (await management.QueuesAsync(fleet.VirtualHost)).SingleOrDefault(q => q.Name == FleetQueues.DocumentIngestion)?.Consumers ?? 0,
            consumers => consumers > 0 || worker.HasExited, Deadline, "the quorum worker to start");
        Assert.That(worker.HasExited, Is.False, worker.RecentLog);
        var folder = SamplePacketWriter.WritePacket(Path.Combine(_samples, "p"), Site, [SamplePacketWriter.Variant.Current], 71);
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);
        var documents = await fleet.WaitForPacketsAsync(Deadline, packet.PacketId);

        Assert.That(documents.Single().State, Is.EqualTo("ARCHIVED"), worker.RecentLog);
        var queues = await management.QueuesAsync(fleet.VirtualHost);
        Assert.That(queues.Where(q => FleetQueues.All.Contains(q.Name)).Select(q => q.Type), Is.All.EqualTo("classic"), "existing queues are kept as they are");
        Assert.That(
            fleet.WorkerLog.Count(w => w.Contains("\"@l\":\"Warning\"", StringComparison.Ordinal) && w.Contains("\"ExistingType\":\"classic\"", StringComparison.Ordinal) && w.Contains("Changing the queue type of a deployment", StringComparison.Ordinal)),
            Is.EqualTo(FleetQueues.All.Count),
            "one warning per existing queue, naming the migration");
    }

    private static Dictionary<string, string?> Quorum(int deliveryLimit, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(more ?? [])
        {
            ["Ingestion:RabbitMq:QueueType"] = "quorum",
            ["Ingestion:RabbitMq:DeliveryLimit"] = deliveryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return settings;
    }

    private static async Task PublishAsync(string vhost, string exchange, byte[] body, string? messageType)
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
        await channel.BasicPublishAsync(exchange, string.Empty, mandatory: true, properties, body);
    }
}
