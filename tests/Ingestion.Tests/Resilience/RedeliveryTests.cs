using Ingestion.Consumers.Parsing;
using Ingestion.Contracts;
using Ingestion.Hosting;
using Ingestion.Messaging.Redelivery;
using Ingestion.Saga.Packets;
using Ingestion.Samples;
using Ingestion.Samples.Pdf;
using Ingestion.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Ingestion.Tests.Resilience;

/// <summary>
/// Redelivery after a delay through broker-native wait queues (no delayed-message plugin), on the real broker and
/// database: a transient fault that outlasts the in-process retries waits in <c>&lt;queue&gt;_wait_&lt;delay&gt;ms</c>
/// and comes back, and no message is lost on the way, not even when the worker dies while it waits.
/// </summary>
[TestFixture]
public sealed class RedeliveryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[0];
    private string _samples = null!;

    [SetUp]
    public void CreateSampleFolder() => _samples = Directory.CreateTempSubdirectory("ingestion-samples-").FullName;

    [TearDown]
    public void DeleteSampleFolder() => Directory.Delete(_samples, recursive: true);

    [Test]
    public async Task A_parse_failing_past_its_in_process_retries_is_redelivered_through_wait_queues_and_archived()
    {
        // 3 retries give 4 attempts per delivery: 9 failures take the first delivery and two redeliveries.
        var folder = SamplePacketWriter.WritePacket(Path.Combine(_samples, "p"), Site, [SamplePacketWriter.Variant.Current], 31);
        var flakySha = Sha256Of(folder, "001-fda-1572.txt");
        var recorder = new RedeliveryHeaderRecorder();
        await using var fleet = await Fleet.StartAsync(
            configureServices: services =>
            {
                services.Replace(ServiceDescriptor.Singleton<IFieldExtractor>(sp =>
                    new FlakyFieldExtractor(ActivatorUtilities.CreateInstance<FieldExtractionChain>(sp), failures: 9, affects: sha => sha == flakySha)));
                services.AddConsumeObserver(_ => recorder);
            },
            overrides: FastRedelivery(maxRedeliveries: 3));
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);

        var document = (await fleet.WaitForPacketsAsync(Deadline, packet.PacketId)).Single();

        Assert.That(document.State, Is.EqualTo("ARCHIVED"), await fleet.ExplainAsync([document]));
        Assert.That(recorder.RedeliveriesOf<ParseDocument>(), Is.EqualTo(new[] { 0, 1, 2 }), "first delivery, then two through the wait queues");
        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "parse-document_wait_200ms"), Is.Zero, "first step declared and drained");
        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "parse-document_wait_400ms"), Is.Zero, "second step declared and drained");
        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "parse-document_wait_800ms"), Is.EqualTo(-1), "no third step was needed");
        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "parse-document_error"), Is.LessThanOrEqualTo(0), "nothing faulted");
        // The audit trail is appended asynchronously: the packet can complete before its last entry is chained.
        var trail = await Eventually.Until(
            () => fleet.LedgerAsync(document.CorrelationId), entries => entries.Any(e => e.Event.Action == "ARCHIVE"), Deadline, "the ARCHIVE audit entry");
        var parse = trail.Where(e => e.Event.Action == "PARSE").OrderBy(e => e.Seq).Select(e => e.Event).ToList();
        Assert.That(parse.Select(e => e.Outcome), Does.Contain("RETRY"));
        Assert.That(parse[^1].ToState, Is.EqualTo("PARSED"));
        Assert.That(trail.Count(e => e.Event.Action == "ARCHIVE"), Is.EqualTo(1), "archived once");
    }

    [Test]
    public async Task A_parse_failing_past_every_redelivery_is_rejected_with_parser_failure_and_is_in_the_error_queue_once()
    {
        var folder = SamplePacketWriter.WritePacket(Path.Combine(_samples, "p"), Site, [SamplePacketWriter.Variant.Current, SamplePacketWriter.Variant.Current], 37);
        var brokenSha = Sha256Of(folder, "002-investigator-cv.txt");
        var recorder = new RedeliveryHeaderRecorder();
        await using var fleet = await Fleet.StartAsync(
            configureServices: services =>
            {
                services.Replace(ServiceDescriptor.Singleton<IFieldExtractor>(sp =>
                    new FlakyFieldExtractor(ActivatorUtilities.CreateInstance<FieldExtractionChain>(sp), failures: int.MaxValue, affects: sha => sha == brokenSha)));
                services.AddConsumeObserver(_ => recorder);
            },
            overrides: FastRedelivery(maxRedeliveries: 2));
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);

        var documents = await fleet.WaitForPacketsAsync(Deadline, packet.PacketId);

        Assert.That(documents.Select(d => $"{d.State} {d.ErrorCode}"), Is.EqualTo(new[] { "ARCHIVED ", "REJECTED PARSER_FAILURE" }), await fleet.ExplainAsync(documents));
        Assert.That(recorder.RedeliveriesOf<ParseDocument>(), Is.EqualTo(new[] { 0, 1, 2 }), "the bound of 2 redeliveries was used up");
        // The saga hears of the fault a moment before MassTransit has moved the message.
        await Eventually.Until(() => RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "parse-document_error"), depth => depth >= 1, Deadline, "the error queue");
        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "parse-document_error"), Is.EqualTo(1), "one message, not one per delivery");
        var headers = await RabbitManagement.PeekHeadersAsync(fleet.VirtualHost, "parse-document_error");
        Assert.That(headers.Keys, Does.Contain("MT-Fault-ExceptionType").And.Contain(RedeliveryHeaders.PayloadSha256));
        Assert.That(Convert.ToInt32(headers[RedeliveryHeaders.Count]), Is.EqualTo(2));
        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "parse-document_wait_200ms"), Is.Zero);
        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "parse-document_wait_400ms"), Is.Zero);
        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "parse-document"), Is.Zero);
    }

    [Test]
    public async Task A_worker_killed_while_messages_wait_loses_none_and_another_worker_finishes_every_document()
    {
        // The first five documents of the demo's first packet, two of them scanned: with no declaration in their
        // metadata, validation reads page 1 by OCR, which the first worker's 50 ms limit always times out (transient).
        var folder = PdfPacketWriter.WritePacket(
            Path.Combine(_samples, "p"), Site,
            [PdfVariant.Scanned, PdfVariant.BornDigital, PdfVariant.BornDigital, PdfVariant.BornDigital, PdfVariant.Scanned], 1572);
        await using var fleet = await Fleet.StartAsync(
            FleetRoles.None,
            overrides: new Dictionary<string, string?>
            {
                ["Ingestion:Redelivery:MaxRedeliveries"] = "5",
                ["Ingestion:Redelivery:BaseDelayMs"] = "3000",
                ["Ingestion:Redelivery:Factor"] = "1",
                ["Ingestion:Redelivery:Jitter"] = "0",
            });
        const string WaitQueue = "validate-document_wait_3000ms";
        var queries = fleet.Services.GetRequiredService<PacketStatusQueries>();
        var doomed = await fleet.StartWorkerAsync("worker-doomed", new Dictionary<string, string?> { ["Ingestion:Ocr:PageTimeoutSeconds"] = "0.05" });
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);

        // Kill only once the rest of the packet is final and on the audit trail, so that the one thing in flight
        // is the two scanned documents' copies in the wait queue.
        await Eventually.Until(
            async () => (await queries.PacketsAsync([packet.PacketId])).SingleOrDefault()?.AuditedCount ?? 0,
            audited => audited == 3, Deadline, "the three born-digital documents to be archived and audited");
        await Eventually.Until(() => RabbitManagement.QueueDepthAsync(fleet.VirtualHost, WaitQueue), depth => depth == 2, Deadline, "both scans in the wait queue");
        await doomed.KillAsync();

        // With no worker left the copies expire back into the input queue, whole, with their headers. A copy that came
        // back and was being retried when the worker died is there twice (its unacknowledged original and its new copy):
        // at-least-once, never lost.
        await Eventually.Until(
            async () => (await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "validate-document"), await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, WaitQueue)),
            depths => depths.Item1 >= 2 && depths.Item2 == 0, Deadline,
            "both copies back in validate-document with no worker running");
        var headers = await RabbitManagement.PeekHeadersAsync(fleet.VirtualHost, "validate-document");
        Assert.That(Convert.ToInt32(headers[RedeliveryHeaders.Count]), Is.GreaterThanOrEqualTo(1));
        Assert.That(headers.Keys, Does.Contain(RedeliveryHeaders.MessageId).And.Contain(RedeliveryHeaders.CorrelationId).And.Contain(RedeliveryHeaders.PayloadSha256));

        var survivor = await fleet.StartWorkerAsync("worker-survivor", new Dictionary<string, string?> { ["Ingestion:Ocr:PageTimeoutSeconds"] = "60" });
        var documents = await fleet.WaitForPacketsAsync(Deadline, packet.PacketId);

        Assert.That(documents.Select(d => d.State), Is.All.EqualTo("ARCHIVED"), await fleet.ExplainAsync(documents) + Environment.NewLine + survivor.RecentLog);
        var scanned = documents.Where(d => d.FieldTiers.Contains("OCR", StringComparison.Ordinal)).ToList();
        Assert.That(scanned, Has.Count.EqualTo(2), "both scans were read by the second worker");
        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "validate-document_error"), Is.LessThanOrEqualTo(0));
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var archived = new NpgsqlCommand("SELECT count(*) FROM archived_documents", connection);
        Assert.That(await archived.ExecuteScalarAsync(), Is.EqualTo(5L), "each document archived exactly once");
    }

    private static Dictionary<string, string?> FastRedelivery(int maxRedeliveries) => new()
    {
        ["Ingestion:Redelivery:MaxRedeliveries"] = maxRedeliveries.ToString(),
        ["Ingestion:Redelivery:BaseDelayMs"] = "200",
        ["Ingestion:Redelivery:Factor"] = "2",
        ["Ingestion:Redelivery:MaxDelayMs"] = "1000",
        ["Ingestion:Redelivery:Jitter"] = "0.5",
    };

    private static string Sha256Of(string folder, string file) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file))));
}
