using Ingestion.Audit.Ledger;
using Ingestion.Consumers.Parsing;
using Ingestion.Contracts;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Ingestion.Tests.Operations;

/// <summary>
/// <c>ingest dlq</c> on a real fault in <c>parse-document_error</c>, run as the real command line with the operator's
/// broker user, which may read error queues and nothing else.
/// </summary>
[TestFixture]
public sealed class DeadLetterTests
{
    private const string ErrorQueue = "parse-document_error";

    // The fleet's tests allow 3 retries: 4 attempts per delivery.
    private const int AttemptsPerDelivery = 4;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[0];
    private string _samples = null!;

    [SetUp]
    public void CreateSampleFolder() => _samples = Directory.CreateTempSubdirectory("ingestion-dlq-").FullName;

    [TearDown]
    public void DeleteSampleFolder() => Directory.Delete(_samples, recursive: true);

    [Test]
    public async Task List_groups_a_faulted_parse_by_queue_exception_and_site_and_show_prints_its_fault_headers_and_payload_hash()
    {
        await using var faulted = await FaultOneParseAsync(failures: int.MaxValue);
        var fleet = faulted.Fleet;
        var original = await ErrorQueueMessage.PeekAsync(fleet.VirtualHost, ErrorQueue);

        var list = await fleet.RunIngestAsOperatorAsync("dlq", "list");

        Assert.That(list.ExitCode, Is.Zero, list.Output);
        Assert.That(
            list.Output,
            Does.Match($@"(?m)^{ErrorQueue}\s+Ingestion\.Messaging\.Resilience\.TransientFaultException\s+{Site.SiteId}\s+TransientFaultException\s+1\s+\d+m \d\ds"));
        Assert.That(list.Output, Does.Contain("1 dead-lettered messages in 1 error queues."));

        var show = await fleet.RunIngestAsOperatorAsync("dlq", "show", original.MessageId!);

        Assert.That(show.ExitCode, Is.Zero, show.Output);
        Assert.That(show.Output, Does.Contain($"Queue          {ErrorQueue} (input queue parse-document)"));
        Assert.That(show.Output, Does.Contain($"Correlation id {original.CorrelationId}"));
        Assert.That(show.Output, Does.Contain($"SHA-256 {original.PayloadSha256}"));
        Assert.That(show.Output, Does.Contain("MT-Fault-ExceptionType: Ingestion.Messaging.Resilience.TransientFaultException"));
        Assert.That(show.Output, Does.Contain("MT-Fault-Message: simulated outage of the extraction service"));
        Assert.That(show.Output, Does.Contain("MT-Fault-Timestamp").And.Contain("MT-Fault-StackTrace").And.Contain("MT-Reason"));

        var unknown = await fleet.RunIngestAsOperatorAsync("dlq", "show", Guid.NewGuid().ToString());
        Assert.That(unknown.ExitCode, Is.EqualTo(ExitCodes.NotFound), unknown.Output);

        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, ErrorQueue), Is.EqualTo(1), "reading put the message back");
        Assert.That(await ErrorQueueMessage.PeekAsync(fleet.VirtualHost, ErrorQueue), Is.EqualTo(original));
    }

    [Test]
    public async Task Replay_moves_a_dead_letter_back_to_its_input_queue_with_its_message_id_and_audits_the_operator()
    {
        // One failure more than a delivery's attempts: the first delivery dead-letters, the replayed one succeeds.
        await using var faulted = await FaultOneParseAsync(failures: AttemptsPerDelivery);
        var fleet = faulted.Fleet;
        var original = await ErrorQueueMessage.PeekAsync(fleet.VirtualHost, ErrorQueue);
        Assert.That(faulted.Extractor.Calls, Is.EqualTo(AttemptsPerDelivery));

        var replay = await fleet.RunIngestAsOperatorWithInputAsync(
            People.Password + "\n",
            "dlq", "replay", "--queue", ErrorQueue, "--by", People.Operator.UserName, "--reason", "extraction service restored", "--rate", "10", "--password-stdin");

        Assert.That(replay.ExitCode, Is.Zero, replay.Output);
        Assert.That(replay.Output, Does.Contain($"1 messages replayed to parse-document from {ErrorQueue}, signed Maya Okafor (mokafor)"));
        await Eventually.Until(() => Task.FromResult(faulted.Extractor.Calls), calls => calls > AttemptsPerDelivery, Deadline, "the replayed parse");
        // The broker moved it (the operator's user may not publish): its own record says from where and why.
        var replayed = await Eventually.Until(
            () => Task.FromResult(faulted.Consumed.All.Where(m => m.Headers.ContainsKey("x-first-death-queue")).ToList()),
            found => found.Count > 0, Deadline, "the replayed message to be consumed");
        Assert.That(replayed[0].MessageId?.ToString(), Is.EqualTo(original.MessageId));
        Assert.That(replayed[0].CorrelationId?.ToString(), Is.EqualTo(original.CorrelationId));
        Assert.That(
            (replayed[0].Headers["x-first-death-queue"], replayed[0].Headers["x-first-death-reason"]),
            Is.EqualTo(((string?)ErrorQueue, (string?)"rejected")));
        Assert.That(replayed[0].Headers["MT-Fault-ExceptionType"], Is.EqualTo("Ingestion.Messaging.Resilience.TransientFaultException"),
            "the fault headers travel with it");
        Assert.That(faulted.Extractor.Calls, Is.EqualTo(AttemptsPerDelivery + 1), "the replay was consumed once and succeeded");
        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, ErrorQueue), Is.Zero);

        var audit = await WaitForOperatorActionAsync(fleet, "DLQ_REPLAY");
        var signature = await WaitForOperatorActionAsync(fleet, "E_SIGNATURE");
        Assert.That(audit.Actor.WorkerId, Is.EqualTo("operator:mokafor"));
        Assert.That(audit.Reason, Does.StartWith("extraction service restored (signature "));
        Assert.That(audit.Outcome, Is.EqualTo("1 messages"));
        Assert.That((audit.FromState, audit.ToState), Is.EqualTo((ErrorQueue, "parse-document")));
        Assert.That((signature.CorrelationId, signature.Outcome, signature.Actor.WorkerId), Is.EqualTo((audit.CorrelationId, "REPLAY", "operator:mokafor")),
            "the replay is audited under the subject its signature was made on");
        Assert.That(signature.Reason, Does.Contain("Signed by Maya Okafor (mokafor)").And.Contain("dead-letters record sha256:"));
        var verify = await fleet.RunIngestAsync("audit", "verify");
        Assert.That(verify.ExitCode, Is.Zero, verify.Output);
    }

    [Test]
    public async Task Purge_is_refused_without_a_reason_and_with_one_keeps_the_payload_hash_and_audits_the_operator()
    {
        await using var faulted = await FaultOneParseAsync(failures: int.MaxValue);
        var fleet = faulted.Fleet;
        var original = await ErrorQueueMessage.PeekAsync(fleet.VirtualHost, ErrorQueue);

        var refused = await fleet.RunIngestAsOperatorAsync("dlq", "purge", "--queue", ErrorQueue, "--by", People.Operator.UserName);

        Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.Usage), refused.Output);
        Assert.That(refused.Output, Does.Contain("--reason"));
        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, ErrorQueue), Is.EqualTo(1));

        string[] purgeBySite =
        [
            "dlq", "purge", "--queue", ErrorQueue, "--filter", $"site={Site.SiteId}", "--by", People.Operator.UserName, "--reason",
            "document resubmitted by the site", "--password-stdin",
        ];
        var wrongPassword = await fleet.RunIngestAsOperatorWithInputAsync("not-the-password-1A\n", purgeBySite);
        Assert.That(wrongPassword.ExitCode, Is.EqualTo(1), wrongPassword.Output);
        Assert.That(wrongPassword.Output, Does.Contain("Refused: The user name or the password is wrong."));
        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, ErrorQueue), Is.EqualTo(1), "a wrong password purges nothing");

        var purge = await fleet.RunIngestAsOperatorWithInputAsync(People.Password + "\n", purgeBySite);

        Assert.That(purge.ExitCode, Is.Zero, purge.Output);
        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, ErrorQueue), Is.Zero);
        var audit = await WaitForOperatorActionAsync(fleet, "DLQ_PURGE");
        Assert.That(
            (audit.Actor.WorkerId, audit.FromState, audit.ToState, audit.Outcome),
            Is.EqualTo(("operator:mokafor", ErrorQueue, "PURGED", "1 messages")));
        Assert.That(audit.Reason, Does.StartWith("document resubmitted by the site (signature "));
        Assert.That((await WaitForOperatorActionAsync(fleet, "SIGNATURE_REFUSED")).Actor.WorkerId, Is.EqualTo("operator:mokafor"));

        await using var connection = await fleet.OpenDatabaseAsync();
        await using var query = new NpgsqlCommand(
            "SELECT queue, message_id, correlation_id, payload_sha256, fault_exception_type, purged_by, reason, action_id FROM dead_letter_purges",
            connection);
        await using var reader = await query.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True, "a purge record");
        Assert.That(
            Enumerable.Range(0, 7).Select(reader.GetString),
            Is.EqualTo(new[]
            {
                ErrorQueue, original.MessageId, original.CorrelationId, original.PayloadSha256,
                "Ingestion.Messaging.Resilience.TransientFaultException", People.Operator.UserName, "document resubmitted by the site",
            }));
        Assert.That(reader.GetGuid(7), Is.EqualTo(audit.CorrelationId), "the record names the audited, signed action");
        Assert.That(await reader.ReadAsync(), Is.False, "one record per purged message");
    }

    private static async Task<AuditEntry> WaitForOperatorActionAsync(Fleet fleet, string action) =>
        (await Eventually.Until(
            () => fleet.LedgerAsync(), entries => entries.Any(e => e.Event.Action == action), Deadline, $"a {action} audit entry"))
        .Single(e => e.Event.Action == action).Event;

    /// <summary>A fleet whose extractor fails the first <paramref name="failures"/> attempts on a one-document packet, once that has dead-lettered.</summary>
    private async Task<FaultedParse> FaultOneParseAsync(int failures)
    {
        var folder = SamplePacketWriter.WritePacket(Path.Combine(_samples, "p"), Site, [SamplePacketWriter.Variant.Current], 31);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "001-fda-1572.txt"))));
        CountingFieldExtractor? extractor = null;
        var consumed = new ConsumedMessages<ParseDocument>();
        var fleet = await Fleet.StartAsync(configureServices: services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IFieldExtractor>(sp => extractor = new CountingFieldExtractor(
                new FlakyFieldExtractor(ActivatorUtilities.CreateInstance<FieldExtractionChain>(sp), failures, affects: file => file == sha))));
            services.AddConsumeObserver(_ => consumed);
        });
        try
        {
            await People.CreateAsync(fleet, People.Operator);
            var packet = await fleet.SubmitAsync(folder, Site.SiteId);
            var document = (await fleet.WaitForPacketsAsync(Deadline, packet.PacketId)).Single();
            Assert.That($"{document.State} {document.ErrorCode}", Is.EqualTo("REJECTED PARSER_FAILURE"));
            await Eventually.Until(
                () => RabbitManagement.QueueDepthAsync(fleet.VirtualHost, ErrorQueue), depth => depth == 1, Deadline, "the fault in the error queue");
            return new FaultedParse(fleet, extractor!, consumed);
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    private sealed record FaultedParse(Fleet Fleet, CountingFieldExtractor Extractor, ConsumedMessages<ParseDocument> Consumed) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Fleet.DisposeAsync();
    }
}
