using Ingestion.Contracts;
using Ingestion.Hosting;
using Ingestion.Messaging.Fleet;
using Ingestion.Messaging.Resilience;
using Ingestion.Persistence.Outbox;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Resilience;

/// <summary>The PostgreSQL inbox and outbox on the real broker and database.</summary>
[TestFixture]
public sealed class OutboxTests
{
    private string _samples = string.Empty;
    private PacketSubmitted? _submitted;

    [SetUp]
    public void CreateSampleFolder() => _samples = Directory.CreateTempSubdirectory("ingestion-outbox-").FullName;

    [TearDown]
    public void DeleteSampleFolder() => Directory.Delete(_samples, recursive: true);

    // Archive is the stage that writes, so it consumes inside the durable inbox/outbox; validate and parse only compute
    // and send their one result under an id derived from the command's, which the saga's own inbox takes once.
    [Test]
    public async Task A_message_delivered_twice_with_the_same_id_takes_effect_once()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.Archive);
        var bus = fleet.Services.GetRequiredService<IBus>();
        var command = await ArchiveCommandAsync(fleet);
        var counter = new TransportCounter();
        bus.ConnectReceiveObserver(counter);
        bus.ConnectSendObserver(counter);
        var archive = await bus.GetSendEndpoint(new Uri($"queue:{FleetQueues.ArchiveDocument}"));
        var messageId = NewId.NextGuid();

        await archive.Send(command, c => c.MessageId = messageId);
        await Eventually.Until(() => Task.FromResult(counter.Received), r => r == 1, TimeSpan.FromSeconds(30), "the first delivery");
        var sentByFirst = counter.Sent - 1;
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var inbox = new NpgsqlCommand("SELECT count(*) FROM inbox_state WHERE message_id = @id AND consumed IS NOT NULL AND delivered IS NOT NULL", connection);
        inbox.Parameters.AddWithValue("id", messageId);
        await Eventually.Until(
            async () => (long)(await inbox.ExecuteScalarAsync())!, n => n == 1, TimeSpan.FromSeconds(30), "the inbox record marked delivered after the send");
        await archive.Send(command, c => c.MessageId = messageId);
        await Eventually.Until(() => Task.FromResult(counter.Received), r => r == 2, TimeSpan.FromSeconds(30), "the second delivery");
        var sentByDuplicate = counter.Sent - 2 - sentByFirst;
        await archive.Send(command, c => c.MessageId = NewId.NextGuid());
        await Eventually.Until(() => Task.FromResult(counter.Received), r => r == 3, TimeSpan.FromSeconds(30), "a delivery under a new id");
        var sentByNewId = counter.Sent - 3 - sentByFirst - sentByDuplicate;

        Assert.That(sentByFirst, Is.Positive, "the first delivery sends the stage's result");
        Assert.That(sentByDuplicate, Is.Zero, "the inbox recognises the repeat and nothing is sent again");
        Assert.That(sentByNewId, Is.EqualTo(sentByFirst), "a message under a new id is new work");
        await using var left = new NpgsqlCommand("SELECT count(*) FROM outbox_message", connection);
        await Eventually.Until(
            async () => (long)(await left.ExecuteScalarAsync())!, n => n == 0, TimeSpan.FromSeconds(30), "delivered messages removed from the outbox");
    }

    // The step commits, then sends from memory; the broker refuses that send. The retry must not run the consumer again
    // (its work is committed) but send the stored copy, under the id the refused send carried.
    [Test]
    public async Task A_send_refused_after_the_commit_is_sent_again_from_the_inbox_record_under_the_same_id()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.Archive);
        var bus = fleet.Services.GetRequiredService<IBus>();
        var command = await ArchiveCommandAsync(fleet);
        var refuseFirst = new RefuseFirstResult();
        bus.ConnectSendObserver(refuseFirst);
        var archive = await bus.GetSendEndpoint(new Uri($"queue:{FleetQueues.ArchiveDocument}"));
        var messageId = NewId.NextGuid();

        await archive.Send(command, c => c.MessageId = messageId);
        await Eventually.Until(() => Task.FromResult(refuseFirst.Sent.Count), n => n >= 1, TimeSpan.FromSeconds(60), "the result sent after the refusal");

        Assert.That(refuseFirst.Refused, Is.Not.Null, "the first send of the result was refused");
        Assert.That(refuseFirst.Sent, Is.EqualTo(new[] { refuseFirst.Refused!.Value }), "the stored copy went out once, under the refused send's id");
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var inbox = new NpgsqlCommand("SELECT receive_count FROM inbox_state WHERE message_id = @id AND delivered IS NOT NULL", connection);
        inbox.Parameters.AddWithValue("id", messageId);
        var receiveCount = await Eventually.Until(
            async () => await inbox.ExecuteScalarAsync(), count => count is int, TimeSpan.FromSeconds(30), "the inbox record marked delivered");
        Assert.That(receiveCount, Is.EqualTo(2), "one attempt consumed and committed, the next only sent the stored copy");
    }

    [Test]
    public async Task Bus_outbox_sends_leave_only_when_committed_and_several_relays_deliver_each_once()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.Validate);
        var bus = fleet.Services.GetRequiredService<IBus>();
        var counter = new TransportCounter();
        bus.ConnectReceiveObserver(counter);
        var outbox = fleet.Services.GetRequiredService<BusOutbox>();
        var relay = fleet.Services.GetRequiredService<OutboxRelay>();
        var command = await StoredDocumentAsync(fleet);
        var validate = new Uri($"queue:{FleetQueues.ValidateDocument}");

        await using (var rolledBack = await outbox.BeginAsync(CancellationToken.None))
        {
            await (await rolledBack.SendEndpointProvider.GetSendEndpoint(validate)).Send(command);
        }

        const int Committed = 20;
        for (var i = 0; i < Committed; i++)
        {
            await using var transaction = await outbox.BeginAsync(CancellationToken.None);
            await (await transaction.SendEndpointProvider.GetSendEndpoint(validate)).Send(command);
            await transaction.CommitAsync(CancellationToken.None);
        }

        // The hosted relay and three more compete for the same rows.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => relay.RelayAsync(CancellationToken.None)));
        await Eventually.Until(() => Task.FromResult(counter.Received), r => r >= Committed, TimeSpan.FromSeconds(60), $"{Committed} relayed messages");
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var pending = new NpgsqlCommand("SELECT (SELECT count(*) FROM outbox_state) + (SELECT count(*) FROM outbox_message)", connection);
        await Eventually.Until(async () => (long)(await pending.ExecuteScalarAsync())!, n => n == 0, TimeSpan.FromSeconds(30), "an empty outbox");
        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, FleetQueues.ValidateDocument), Is.Zero);

        Assert.That(counter.Received, Is.EqualTo(Committed), "each committed send delivered once, the rolled-back one never");
    }

    private async Task<ArchiveDocument> ArchiveCommandAsync(Fleet fleet)
    {
        var validate = await StoredDocumentAsync(fleet);
        var packet = _submitted!;
        return new ArchiveDocument
        {
            CorrelationId = validate.CorrelationId,
            PacketId = packet.PacketId,
            SiteId = packet.SiteId,
            StudyId = packet.StudyId,
            Document = packet.Documents[0],
            TemplateId = "FDA-1572",
            SchemaVersion = "2.0",
            Fields = [],
        };
    }

    private async Task<ValidateDocument> StoredDocumentAsync(Fleet fleet)
    {
        var site = SamplePacketWriter.DemoSites[0];
        var folder = SamplePacketWriter.WritePacket(Path.Combine(_samples, "p"), site, [SamplePacketWriter.Variant.Current], 64);
        var packet = await fleet.SubmitAsync(folder, site.SiteId);
        _submitted = packet;
        var document = packet.Documents[0];
        return new ValidateDocument
        {
            CorrelationId = NameBasedGuid.ForDocument(packet.PacketId, document.DocumentId),
            PacketId = packet.PacketId,
            SiteId = packet.SiteId,
            Sha256 = document.Sha256,
            ContentReference = document.ContentReference,
        };
    }

    /// <summary>Refuses the first send of the archive stage's result at the transport, and records every result sent.</summary>
    private sealed class RefuseFirstResult : ISendObserver
    {
        private int _refusals;

        public Guid? Refused { get; private set; }

        public List<Guid> Sent { get; } = [];

        public Task PreSend<T>(SendContext<T> context)
            where T : class
        {
            if (IsResult(context) && Interlocked.Exchange(ref _refusals, 1) == 0)
            {
                Refused = context.MessageId;
                throw new TransientFaultException("the broker refused the send (test)");
            }

            return Task.CompletedTask;
        }

        public Task PostSend<T>(SendContext<T> context)
            where T : class
        {
            if (IsResult(context))
            {
                lock (Sent)
                {
                    Sent.Add(context.MessageId!.Value);
                }
            }

            return Task.CompletedTask;
        }

        public Task SendFault<T>(SendContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;

        // What leaves the outbox is the serialized body; its message types say what it is.
        private static bool IsResult(SendContext context) =>
            context.SupportedMessageTypes.Any(type => type.EndsWith($":{nameof(DocumentArchived)}", StringComparison.Ordinal));
    }
}
