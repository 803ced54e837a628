using System.Text.Json;
using Ingestion.Samples;
using Ingestion.Samples.Pdf;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Documents;

/// <summary>What sites really send: born-digital and scanned PDFs, revised and deprecated templates, broken files.</summary>
[TestFixture]
public sealed class SiteDocumentTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[1];
    private static readonly string[] StageQueues = ["document-ingestion", "validate-document", "parse-document", "archive-document"];
    private string _samples = null!;

    [SetUp]
    public void CreateSampleFolder() => _samples = Directory.CreateTempSubdirectory("ingestion-pdf-").FullName;

    [TearDown]
    public void DeleteSampleFolder() => Directory.Delete(_samples, recursive: true);

    [Test]
    public async Task Every_kind_of_site_document_ends_in_its_expected_state_and_code_without_a_fault()
    {
        await using var fleet = await Fleet.StartAsync();
        (PdfVariant Variant, string Outcome, ExpectedOutcome Path)[] expected =
        [
            (PdfVariant.BornDigital, "ARCHIVED  TEXT×5", ExpectedOutcome.Archived),
            (PdfVariant.Scanned, "ARCHIVED  OCR×3", ExpectedOutcome.Archived),
            (PdfVariant.Deprecated, "REJECTED SCHEMA_DEPRECATED", ExpectedOutcome.RejectedAtTheGate),
            (PdfVariant.Revised, "ARCHIVED  TEXT×3", ExpectedOutcome.Archived),
            (PdfVariant.Truncated, "REJECTED MALFORMED", ExpectedOutcome.RejectedAtTheGate),
            (PdfVariant.NotPdf, "REJECTED NOT_PDF", ExpectedOutcome.RejectedAtTheGate),
            (PdfVariant.Encrypted, "REJECTED ENCRYPTED", ExpectedOutcome.RejectedAtTheGate),
            (PdfVariant.Empty, "REJECTED EMPTY", ExpectedOutcome.RejectedAtTheGate),
            (PdfVariant.Large, "ARCHIVED  TEXT×3", ExpectedOutcome.Archived),
        ];
        var folder = PdfPacketWriter.WritePacket(
            Path.Combine(_samples, "p"), Site, expected.Select(e => e.Variant).ToList(), seed: 31, largePageCount: 150);
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);

        var documents = await fleet.WaitForSettledAsync(Deadline, packet.PacketId);

        Assert.That(
            documents.Select(d => $"{d.State} {d.ErrorCode} {d.FieldTiers}".Trim()),
            Is.EqualTo(expected.Select(e => e.Outcome)),
            await fleet.ExplainAsync(documents));
        foreach (var queue in StageQueues)
        {
            Assert.That(await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, $"{queue}_error"), Is.LessThanOrEqualTo(0), $"{queue}_error holds nothing");
        }

        await fleet.WaitForLedgerAsync(ExpectedLedger.EntriesFor(expected.Select(e => e.Path)), Deadline);
        var rejection = (await fleet.LedgerAsync(documents[6].CorrelationId)).Single(e => e.Event.Action == "REJECT").Event;
        Assert.That(rejection.Reason, Does.Contain("encrypted"));
    }

    [Test]
    public async Task Ocr_recovers_every_required_field_of_a_scanned_form_1572_and_irb_approval()
    {
        await using var fleet = await Fleet.StartAsync();
        var folder = PdfPacketWriter.WritePacket(
            Path.Combine(_samples, "p"), Site,
            [PdfVariant.Scanned, PdfVariant.BornDigital, PdfVariant.BornDigital, PdfVariant.BornDigital, PdfVariant.Scanned], seed: 37);
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);

        var documents = await fleet.WaitForSettledAsync(Deadline, packet.PacketId);
        var explanation = await fleet.ExplainAsync(documents);

        Assert.That(documents[0].State, Is.EqualTo("ARCHIVED"), explanation);
        Assert.That(documents[0].FieldTiers, Is.EqualTo("OCR×5"));
        Assert.That(documents[4].State, Is.EqualTo("ARCHIVED"), explanation);
        Assert.That(documents[4].FieldTiers, Is.EqualTo("OCR×3"));
        var form = await FieldsAsync(fleet, documents[0].CorrelationId);
        Assert.That(form["investigator_name"], Is.EqualTo(Site.Investigator));
        Assert.That(form["protocol_number"], Is.EqualTo(SamplePacketWriter.Study));
    }

    [Test]
    public async Task The_same_documents_ingested_twice_yield_byte_identical_fields_and_tiers()
    {
        await using var fleet = await Fleet.StartAsync();
        var folder = PdfPacketWriter.WritePacket(
            Path.Combine(_samples, "p"), Site, [PdfVariant.Scanned, PdfVariant.BornDigital, PdfVariant.Revised], seed: 41);
        var first = await fleet.SubmitAsync(folder, Site.SiteId, Guid.NewGuid());
        var second = await fleet.SubmitAsync(folder, Site.SiteId, Guid.NewGuid());

        var once = await fleet.WaitForSettledAsync(Deadline, first.PacketId);
        var again = await fleet.WaitForSettledAsync(Deadline, second.PacketId);

        for (var i = 0; i < once.Count; i++)
        {
            var a = JsonSerializer.Serialize((await fleet.SagaAsync(once[i].CorrelationId)).Fields);
            var b = JsonSerializer.Serialize((await fleet.SagaAsync(again[i].CorrelationId)).Fields);
            Assert.That(b, Is.EqualTo(a), $"fields of {once[i].DocumentId}");
            Assert.That(a, Does.Contain("\"Tier\""));
        }
    }

    [Test]
    public async Task A_reviewers_signed_decisions_from_the_command_line_land_in_the_audit_chain_with_their_signature_and_reason()
    {
        await using var fleet = await Fleet.StartAsync();
        await People.CreateAsync(fleet, People.Reviewer, People.Operator);
        var folder = Path.Combine(_samples, "p");
        Directory.CreateDirectory(folder);
        // Two forms a site filled in only partly: the chain finds some fields, not all, so both go to a reviewer.
        await File.WriteAllTextAsync(Path.Combine(folder, "a-1572.txt"), "Template: FDA-1572; Version: 2.0\nName of Investigator: Dr. Lukas Brandt\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "b-1572.txt"), "Template: FDA-1572; Version: 2.1\nProtocol Number: ABC-123\n");
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);
        var inReview = await fleet.WaitForSettledAsync(Deadline, packet.PacketId);
        Assert.That(inReview.Select(d => d.State), Is.All.EqualTo("MANUAL_REVIEW"));
        var (first, second) = (inReview[0].CorrelationId.ToString(), inReview[1].CorrelationId.ToString());

        var list = await fleet.RunIngestAsync("review", "list");
        Assert.That(list.Output, Does.Contain(first).And.Contain("missing protocol_number"));
        var byOperator = await fleet.RunIngestWithInputAsync(
            People.Password + "\n", "review", "approve", first, "--reviewer", People.Operator.UserName, "--reason", "Looks fine", "--password-stdin");
        Assert.That((byOperator.ExitCode, byOperator.Output), Is.EqualTo((1, "Refused: Only a reviewer may sign APPROVAL.\n")), "an operator cannot approve");
        var correct = await fleet.RunIngestWithInputAsync(
            People.Password + "\n", "review", "correct", first, "--field", "protocol_number", "--value", "ABC-123", "--reason", "Read on the signed original",
            "--reviewer", People.Reviewer.UserName, "--password-stdin");
        Assert.That(correct.ExitCode, Is.Zero, correct.Output);
        var approve = await fleet.RunIngestWithInputAsync(
            People.Password + "\n", "review", "approve", first, "--reviewer", People.Reviewer.UserName, "--reason", "Fields checked against the signed original",
            "--password-stdin");
        var reject = await fleet.RunIngestWithInputAsync(
            People.Password + "\n", "review", "reject", second, "--reviewer", People.Reviewer.UserName, "--reason", "Form incomplete; site asked to resubmit",
            "--password-stdin");
        Assert.That(approve.ExitCode, Is.Zero, approve.Output);
        Assert.That(reject.ExitCode, Is.Zero, reject.Output);

        var documents = await fleet.WaitForPacketsAsync(Deadline, packet.PacketId);

        Assert.That(documents.Select(d => $"{d.State} {d.ErrorCode}"), Is.EqualTo(new[] { "ARCHIVED ", "REJECTED REVIEW_REJECTED" }));
        var ledger = await Eventually.Until(
            () => fleet.LedgerAsync(), entries => entries.Count(e => e.Event.Action == "REVIEW") == 2 && entries.Any(e => e.Event.Action == "ARCHIVE"),
            Deadline, "both decisions and the archival on the audit trail");
        var approval = ledger.Single(e => e.Event.CorrelationId == documents[0].CorrelationId && e.Event.Action == "REVIEW").Event;
        var rejection = ledger.Single(e => e.Event.CorrelationId == documents[1].CorrelationId && e.Event.Action == "REVIEW").Event;
        Assert.That($"{approval.Actor.WorkerId} {approval.Outcome}", Is.EqualTo("reviewer:jwhitfield APPROVED"));
        Assert.That(approval.Reason, Does.StartWith("Fields checked against the signed original (signed APPROVAL by Dr. Jane Whitfield (jwhitfield) at "));
        Assert.That($"{rejection.Actor.WorkerId} {rejection.ToState} {rejection.ErrorCode}", Is.EqualTo("reviewer:jwhitfield REJECTED REVIEW_REJECTED"));
        Assert.That(
            ledger.Where(e => e.Event.CorrelationId == documents[0].CorrelationId).Select(e => e.Event.Action),
            Is.EquivalentTo(new[] { "INGEST", "VALIDATE", "VALIDATE", "PARSE", "SIGNATURE_REFUSED", "E_SIGNATURE", "FIELD_CORRECTED", "E_SIGNATURE", "REVIEW", "ARCHIVE" }),
            "the operator's refused approval is on the document's own timeline");
        Assert.That(
            ledger.Where(e => e.Event.Action == "SIGNATURE_REFUSED").Select(e => $"{e.Event.Actor.WorkerId} {e.Event.Outcome} {e.Event.CorrelationId}"),
            Is.EqualTo(new[] { $"operator:mokafor APPROVAL {first}" }));
        Assert.That(await ArchivedProtocolNumberAsync(fleet, documents[0].CorrelationId), Is.EqualTo("ABC-123"), "the corrected value is archived");
        var verify = await fleet.RunIngestAsync("audit", "verify");
        Assert.That(verify.ExitCode, Is.Zero, verify.Output);
    }

    private static async Task<string?> ArchivedProtocolNumberAsync(Fleet fleet, Guid correlationId)
    {
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT f->>'Value' FROM archived_documents, jsonb_array_elements(fields) f WHERE correlation_id = @id AND f->>'Name' = 'protocol_number'", connection);
        command.Parameters.AddWithValue("id", correlationId);
        return await command.ExecuteScalarAsync() as string;
    }

    private static async Task<Dictionary<string, string>> FieldsAsync(Fleet fleet, Guid correlationId) =>
        (await fleet.SagaAsync(correlationId)).Fields.ToDictionary(f => f.Name, f => f.Value);
}
