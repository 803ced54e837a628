using Ingestion.Consumers.Parsing;
using Ingestion.Hosting;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Ingestion.Tests.Lifecycle;

/// <summary>The whole document lifecycle on the real broker and database.</summary>
[TestFixture]
public sealed class DocumentLifecycleTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[0];
    private string _samples = null!;

    [SetUp]
    public void CreateSampleFolder() => _samples = Directory.CreateTempSubdirectory("ingestion-samples-").FullName;

    [TearDown]
    public void DeleteSampleFolder() => Directory.Delete(_samples, recursive: true);

    [Test]
    public async Task A_packet_of_several_documents_is_archived_with_each_documents_audit_entries_in_order_and_a_verified_chain()
    {
        await using var fleet = await Fleet.StartAsync();
        var folder = SamplePacketWriter.WritePacket(Path.Combine(_samples, "p"), Site, Enumerable.Repeat(SamplePacketWriter.Variant.Current, 5).ToList(), 7);
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);

        var documents = await fleet.WaitForPacketsAsync(Deadline, packet.PacketId);

        Assert.That(documents.Select(d => d.State), Is.EqualTo(Enumerable.Repeat("ARCHIVED", 5)));
        var entries = ExpectedLedger.EntriesFor(5, ExpectedOutcome.Archived);
        await fleet.WaitForLedgerAsync(entries, Deadline);
        foreach (var document in documents)
        {
            var trail = await fleet.LedgerAsync(document.CorrelationId);
            Assert.That(
                trail.OrderBy(e => e.Event.OccurredAt).Select(e => $"{e.Event.Action}:{e.Event.ToState}"),
                Is.EqualTo(new[] { "INGEST:RECEIVED", "VALIDATE:VALIDATING", "VALIDATE:PARSING", "PARSE:PARSED", "ARCHIVE:ARCHIVED" }),
                $"audit trail of {document.DocumentId}");
            Assert.That(trail.Select(e => e.Event.DocumentSha256), Is.All.EqualTo(packet.Documents.Single(d => d.DocumentId == document.DocumentId).Sha256));
        }

        var verify = await fleet.RunIngestAsync("audit", "verify");
        Assert.That(verify.ExitCode, Is.Zero, verify.Output);
        Assert.That(verify.Output, Does.Contain($"Audit chain intact: {entries} entries"));
    }

    [Test]
    public async Task A_deprecated_v1_document_is_rejected_as_schema_deprecated_and_a_corrupted_file_as_hash_mismatch()
    {
        await using var fleet = await Fleet.StartAsync();
        var folder = SamplePacketWriter.WritePacket(
            Path.Combine(_samples, "p"), Site,
            [SamplePacketWriter.Variant.Deprecated, SamplePacketWriter.Variant.Corrupted, SamplePacketWriter.Variant.Current],
            11);
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);

        var documents = await fleet.WaitForPacketsAsync(Deadline, packet.PacketId);
        await fleet.WaitForLedgerAsync(
            ExpectedLedger.EntriesFor(ExpectedOutcome.RejectedAtTheGate, ExpectedOutcome.RejectedAtTheGate, ExpectedOutcome.Archived), Deadline);

        Assert.That(
            documents.Select(d => $"{d.DocumentId} {d.State} {d.ErrorCode}"),
            Is.EqualTo(new[]
            {
                $"{Site.SiteId}-DOC-001 REJECTED SCHEMA_DEPRECATED",
                $"{Site.SiteId}-DOC-002 REJECTED HASH_MISMATCH",
                $"{Site.SiteId}-DOC-003 ARCHIVED ",
            }));
        var rejection = (await fleet.LedgerAsync(documents[0].CorrelationId)).Single(e => e.Event.Action == "REJECT").Event;
        Assert.That(rejection.ErrorCode, Is.EqualTo("SCHEMA_DEPRECATED"));
        Assert.That(rejection.SchemaVersion, Is.EqualTo("1.4"));
        Assert.That(rejection.Reason, Does.Contain("deprecated"));
    }

    [Test]
    public async Task A_parse_that_fails_transiently_twice_then_succeeds_is_archived_with_the_attempts_on_the_audit_trail()
    {
        var folder = SamplePacketWriter.WritePacket(Path.Combine(_samples, "p"), Site, [SamplePacketWriter.Variant.Current], 13);
        var flakySha = Sha256Of(folder, "001-fda-1572.txt");
        await using var fleet = await Fleet.StartAsync(configureServices: services => services.Replace(ServiceDescriptor.Singleton<IFieldExtractor>(sp =>
            new FlakyFieldExtractor(ActivatorUtilities.CreateInstance<FieldExtractionChain>(sp), failures: 2, affects: sha => sha == flakySha))));
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);

        var document = (await fleet.WaitForPacketsAsync(Deadline, packet.PacketId)).Single();

        Assert.That(document.State, Is.EqualTo("ARCHIVED"));
        await fleet.WaitForLedgerAsync(ExpectedLedger.EntriesFor(ExpectedOutcome.ArchivedAfterFailedParses(2)), Deadline);
        var parse = (await fleet.LedgerAsync(document.CorrelationId)).Where(e => e.Event.Action == "PARSE").Select(e => e.Event).OrderBy(e => e.Attempt).ToList();
        Assert.That(
            parse.Select(e => $"{e.Attempt}:{e.Outcome}:{e.ErrorCode}"),
            Is.EqualTo(new[] { "1:RETRY:TRANSIENT_FAULT", "2:RETRY:TRANSIENT_FAULT", "3:PARSED:" }));
    }

    [Test]
    public async Task An_exhausted_parse_retry_budget_rejects_with_parser_failure_and_leaves_the_message_in_the_error_queue()
    {
        var folder = SamplePacketWriter.WritePacket(Path.Combine(_samples, "p"), Site, [SamplePacketWriter.Variant.Current, SamplePacketWriter.Variant.Current], 17);
        var brokenSha = Sha256Of(folder, "002-investigator-cv.txt");
        await using var fleet = await Fleet.StartAsync(configureServices: services => services.Replace(ServiceDescriptor.Singleton<IFieldExtractor>(sp =>
            new FlakyFieldExtractor(ActivatorUtilities.CreateInstance<FieldExtractionChain>(sp), failures: int.MaxValue, affects: sha => sha == brokenSha))));
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);

        var documents = await fleet.WaitForPacketsAsync(Deadline, packet.PacketId);
        // A budget of 3 retries: 4 attempts.
        await fleet.WaitForLedgerAsync(ExpectedLedger.EntriesFor(ExpectedOutcome.Archived, ExpectedOutcome.RejectedAfterParseAttempts(4)), Deadline);

        Assert.That(documents.Select(d => $"{d.State} {d.ErrorCode}"), Is.EqualTo(new[] { "ARCHIVED ", "REJECTED PARSER_FAILURE" }));
        Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "parse-document_error"), Is.EqualTo(1));
        var headers = await RabbitManagement.PeekHeadersAsync(fleet.VirtualHost, "parse-document_error");
        Assert.That(headers.Keys, Does.Contain("MT-Fault-ExceptionType").And.Contain("MT-Fault-Message"));
        var attempts = (await fleet.LedgerAsync(documents[1].CorrelationId)).Where(e => e.Event.Action == "PARSE").Select(e => e.Event.Outcome);
        Assert.That(attempts, Is.EqualTo(new[] { "RETRY", "RETRY", "RETRY", "FAILED" }), "one audit entry per attempt, the fourth exhausting a budget of 3 retries");
    }

    [Test]
    public async Task The_same_packet_published_twice_gives_one_saga_per_document_and_no_duplicate_audit_entry()
    {
        await using var fleet = await Fleet.StartAsync();
        var folder = SamplePacketWriter.WritePacket(Path.Combine(_samples, "p"), Site, Enumerable.Repeat(SamplePacketWriter.Variant.Current, 4).ToList(), 19);
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);
        await fleet.WaitForPacketsAsync(Deadline, packet.PacketId);
        var entriesBefore = (await fleet.WaitForLedgerAsync(ExpectedLedger.EntriesFor(4, ExpectedOutcome.Archived), Deadline)).Count;

        await fleet.SubmitAsync(folder, Site.SiteId, packet.PacketId);
        // The second publication is done once intake has re-announced all four documents and the saga has ignored them.
        await Eventually.Until(
            () => RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "document-ingestion"),
            depth => depth == 0, Deadline, "the saga queue to drain");
        await Eventually.Until(
            () => RabbitManagement.QueueDepthAsync(fleet.VirtualHost, "packet-intake"),
            depth => depth == 0, Deadline, "the intake queue to drain");

        await using var connection = await fleet.OpenDatabaseAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM document_ingestion WHERE packet_id = @p", connection);
        count.Parameters.AddWithValue("p", packet.PacketId);
        Assert.That(await count.ExecuteScalarAsync(), Is.EqualTo(4L));
        var ledger = await fleet.LedgerAsync();
        Assert.That(ledger, Has.Count.EqualTo(entriesBefore));
        Assert.That(ledger.Select(e => e.Event.EventId), Is.Unique);
    }

    [Test]
    public async Task Two_worker_processes_bring_every_document_of_a_200_document_packet_to_one_final_state()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None);
        await Task.WhenAll(fleet.StartWorkerAsync("worker-a"), fleet.StartWorkerAsync("worker-b"));
        var folder = SamplePacketWriter.WritePacket(Path.Combine(_samples, "p"), Site, Enumerable.Repeat(SamplePacketWriter.Variant.Current, 200).ToList(), 23);
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);

        var documents = await fleet.WaitForPacketsAsync(TimeSpan.FromMinutes(3), packet.PacketId);
        await fleet.WaitForLedgerAsync(ExpectedLedger.EntriesFor(200, ExpectedOutcome.Archived), Deadline);

        Assert.That(documents, Has.Count.EqualTo(200));
        Assert.That(documents.Select(d => d.State), Is.All.EqualTo("ARCHIVED"));
        var ledger = await fleet.LedgerAsync();
        Assert.That(ledger.Select(e => e.Event.EventId), Is.Unique);
        Assert.That(ledger.Count(e => e.Event.Action == "ARCHIVE"), Is.EqualTo(200), "each document archived exactly once");
        Assert.That(ledger.Select(e => e.Event.Actor.WorkerId).Distinct(), Is.SupersetOf(new[] { "worker-a", "worker-b" }), "both workers took part");
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var archived = new NpgsqlCommand("SELECT count(*) FROM archived_documents", connection);
        Assert.That(await archived.ExecuteScalarAsync(), Is.EqualTo(200L));
        var verify = await fleet.RunIngestAsync("audit", "verify");
        Assert.That(verify.ExitCode, Is.Zero, verify.Output);
    }

    [Test]
    public async Task An_audit_row_altered_by_the_tables_owner_is_named_by_ingest_audit_verify()
    {
        await using var fleet = await Fleet.StartAsync();
        var folder = SamplePacketWriter.WritePacket(Path.Combine(_samples, "p"), Site, [SamplePacketWriter.Variant.Current, SamplePacketWriter.Variant.Current], 29);
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);
        await fleet.WaitForPacketsAsync(Deadline, packet.PacketId);
        await fleet.WaitForLedgerAsync(ExpectedLedger.EntriesFor(2, ExpectedOutcome.Archived), Deadline);

        // As a superuser, who has every privilege: the trigger still refuses until it is disabled.
        await using var connection = await fleet.OpenSuperuserDatabaseAsync();
        await using (var refused = new NpgsqlCommand("UPDATE audit_ledger SET outcome = 'ARCHIVED' WHERE seq = 4", connection))
        {
            Assert.That(async () => await refused.ExecuteNonQueryAsync(), Throws.InstanceOf<PostgresException>().With.Message.Contains("append-only"));
        }

        await using (var tamper = new NpgsqlCommand(
            """
            ALTER TABLE audit_ledger DISABLE TRIGGER audit_ledger_append_only;
            UPDATE audit_ledger SET error_code = 'NONE' WHERE seq = 4;
            ALTER TABLE audit_ledger ENABLE TRIGGER audit_ledger_append_only;
            """, connection))
        {
            await tamper.ExecuteNonQueryAsync();
        }

        var verify = await fleet.RunIngestAsync("audit", "verify");

        Assert.That(verify.ExitCode, Is.EqualTo(1), verify.Output);
        Assert.That(verify.Output, Does.Contain("Audit chain BROKEN at seq 4"));
    }

    private static string Sha256Of(string folder, string file) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file))));
}
