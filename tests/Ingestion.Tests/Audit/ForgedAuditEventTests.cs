using System.Text;
using System.Text.Json;
using Ingestion.Audit.Ledger;
using Ingestion.Messaging.Fleet;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using RabbitMQ.Client;

namespace Ingestion.Tests.Audit;

/// <summary>
/// The attack of the security review's H2: audit events forged onto the broker, carrying the event ids the saga used to
/// derive, sent before the packet they are about. Audit entries now come only from the fleet's own transactions.
/// </summary>
[TestFixture]
public sealed class ForgedAuditEventTests
{
    private const string OldAuditQueue = "audit-ledger";
    private const string OldAuditExchange = "Ingestion.Contracts:AuditEvent";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[0];

    [Test]
    public async Task Audit_events_forged_onto_the_old_audit_queue_with_the_sagas_event_ids_leave_the_ledger_as_an_honest_run_leaves_it()
    {
        await using var fleet = await Fleet.StartAsync();
        var samples = Directory.CreateTempSubdirectory("ingestion-forgery-").FullName;
        try
        {
            var folder = SamplePacketWriter.WritePacket(
                Path.Combine(samples, "p"), Site,
                [SamplePacketWriter.Variant.Current, SamplePacketWriter.Variant.Deprecated, SamplePacketWriter.Variant.Corrupted], 23);
            var honest = await fleet.SubmitAsync(folder, Site.SiteId);
            var honestDocuments = await fleet.WaitForPacketsAsync(Deadline, honest.PacketId);
            await fleet.WaitForLedgerAsync(5 + 3 + 3, Deadline);

            // The attacker knows the packet id it will submit under, hence every correlation id and every event id the saga
            // used to derive; it sends a whole forged story of each document first, to the queue and the exchange the old
            // audit consumer took them from.
            var attacked = Guid.NewGuid();
            var forged = honestDocuments.SelectMany(d => ForgedStory(attacked, d.DocumentId)).ToList();
            await SendToTheOldAuditTrailAsync(fleet.VirtualHost, forged);
            await fleet.SubmitAsync(folder, Site.SiteId, attacked);
            var attackedDocuments = await fleet.WaitForPacketsAsync(Deadline, attacked);
            var ledger = await fleet.WaitForLedgerAsync(2 * (5 + 3 + 3), Deadline);

            Assert.That(attackedDocuments.Select(d => $"{d.DocumentId} {d.State} {d.ErrorCode}"), Is.EqualTo(honestDocuments.Select(d => $"{d.DocumentId} {d.State} {d.ErrorCode}")));
            foreach (var (honestDocument, attackedDocument) in honestDocuments.Zip(attackedDocuments))
            {
                Assert.That(
                    Trail(ledger, attackedDocument.CorrelationId), Is.EqualTo(Trail(ledger, honestDocument.CorrelationId)),
                    $"{attackedDocument.DocumentId}'s audit trail is the honest run's");
            }

            Assert.That(ledger, Has.Count.EqualTo(2 * (5 + 3 + 3)), "nothing forged was chained, nothing genuine was dropped");
            Assert.That(ledger.Select(e => e.Event.Actor.WorkerId), Is.All.EqualTo("test-worker"));
            Assert.That(ledger.Select(e => e.Event.EventId), Has.None.AnyOf(forged.Select(f => (object)f.EventId).ToArray()));
            Assert.That(
                await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, OldAuditQueue), Is.EqualTo(2L * forged.Count),
                "nothing in the fleet takes messages from the old audit queue");
            var verify = await fleet.RunIngestAsync("audit", "verify");
            Assert.That(verify.ExitCode, Is.Zero, verify.Output);
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    private static List<string> Trail(IEnumerable<LedgerEntry> ledger, Guid correlationId) =>
        ledger.Where(e => e.Event.CorrelationId == correlationId)
            .Select(e => $"{e.Event.Action} {e.Event.FromState ?? "-"}>{e.Event.ToState} {e.Event.Outcome} {e.Event.ErrorCode}")
            .ToList();

    // Every transition the saga could make, under the id the saga derived for it before (v5 of the document and the
    // transition), each claiming the document was archived, by a reviewer, on another host.
    private static IEnumerable<ForgedEvent> ForgedStory(Guid packetId, string documentId)
    {
        var correlationId = NameBasedGuid.ForDocument(packetId, documentId);
        (string? From, string To, string Action)[] transitions =
        [
            (null, "RECEIVED", "INGEST"), ("RECEIVED", "VALIDATING", "VALIDATE"), ("VALIDATING", "PARSING", "VALIDATE"),
            ("PARSING", "PARSED", "PARSE"), ("PARSED", "ARCHIVED", "ARCHIVE"), ("VALIDATING", "REJECTED", "REJECT"),
        ];
        return transitions.Select(t => new ForgedEvent(
            NameBasedGuid.Create(correlationId, $"{t.From}->{t.To}#1"), correlationId, packetId, t.From, t.To, t.Action));
    }

    private static async Task SendToTheOldAuditTrailAsync(string vhost, IReadOnlyList<ForgedEvent> events)
    {
        await using var connection = await RabbitManagement.ConnectAsync(vhost);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync(OldAuditQueue, durable: true, exclusive: false, autoDelete: false);
        await channel.ExchangeDeclareAsync(OldAuditExchange, ExchangeType.Fanout, durable: true);
        await channel.QueueBindAsync(OldAuditQueue, OldAuditExchange, string.Empty);
        foreach (var forged in events)
        {
            var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Envelope(forged)));
            var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = forged.EventId.ToString() };
            await channel.BasicPublishAsync(string.Empty, OldAuditQueue, mandatory: true, properties, body);
            await channel.BasicPublishAsync(OldAuditExchange, string.Empty, mandatory: true, properties, body);
        }
    }

    // MassTransit's JSON envelope, as the old audit consumer read it.
    private static object Envelope(ForgedEvent forged) => new
    {
        messageId = forged.EventId,
        messageType = new[] { "urn:message:Ingestion.Contracts:AuditEvent" },
        sentTime = DateTime.UtcNow,
        message = new
        {
            eventId = forged.EventId,
            occurredAt = DateTime.UtcNow.AddDays(-1),
            actor = new { workerId = "reviewer:mallory", host = "attacker", processId = 1 },
            action = forged.Action,
            correlationId = forged.CorrelationId,
            packetId = forged.PacketId,
            siteId = Site.SiteId,
            documentSha256 = new string('0', 64),
            fromState = forged.From,
            toState = "ARCHIVED",
            outcome = "ARCHIVED",
            reason = "forged",
            attempt = 1,
        },
    };

    private sealed record ForgedEvent(Guid EventId, Guid CorrelationId, Guid PacketId, string? From, string To, string Action);
}
