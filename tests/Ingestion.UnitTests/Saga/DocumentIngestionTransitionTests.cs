using Ingestion.Contracts;

namespace Ingestion.UnitTests.Saga;

/// <summary>Every transition of the document saga: what state it reaches, what it audits, what it sends.</summary>
[TestFixture]
public sealed class DocumentIngestionTransitionTests
{
    private SagaHarness _harness = null!;
    private OneDocument _document = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _harness = await SagaHarness.StartAsync();
        _document = new OneDocument();
    }

    [TearDown]
    public async Task StopAsync() => await _harness.DisposeAsync();

    private Guid Id => _document.CorrelationId;

    [Test]
    public async Task A_submitted_document_is_received_and_handed_to_validation_with_both_steps_audited_by_this_worker()
    {
        await _harness.ToValidatingAsync(_document);

        Assert.That(_harness.Audit.TrailOf(Id), Is.EqualTo(new[] { "INGEST ->RECEIVED RECEIVED", "VALIDATE RECEIVED>VALIDATING STARTED" }));
        var entries = _harness.Audit.Of(Id);
        Assert.That(entries.Select(e => e.Actor.WorkerId), Is.All.EqualTo(SagaHarness.WorkerId));
        Assert.That(entries.Select(e => e.Actor.ProcessId), Is.All.EqualTo(Environment.ProcessId));
        Assert.That(entries.Select(e => e.DocumentSha256), Is.All.EqualTo(OneDocument.Sha256));
        Assert.That(entries.Select(e => e.PacketId), Is.All.EqualTo(_document.PacketId));
        Assert.That(entries.Select(e => e.EventId.Version), Is.All.EqualTo(7), "event ids are drawn, not derived from the document");
        Assert.That(entries.Select(e => e.EventId), Is.Unique);
        var command = _harness.ValidateCommands(_document).Single();
        Assert.That((command.Sha256, command.ContentReference), Is.EqualTo((OneDocument.Sha256, $"sha256:{OneDocument.Sha256}")));
    }

    [Test]
    public async Task A_validated_document_is_sent_to_parsing_with_its_template()
    {
        await _harness.ToParsingAsync(_document);

        Assert.That(_harness.Audit.TrailOf(Id)[^1], Is.EqualTo("VALIDATE VALIDATING>PARSING PASSED"));
        Assert.That(_harness.Audit.Of(Id)[^1].SchemaVersion, Is.EqualTo("2.0"));
        var command = _harness.ParseCommands(_document).Single();
        Assert.That((command.TemplateId, command.SchemaVersion), Is.EqualTo(("FDA-1572", "2.0")));
    }

    [Test]
    public async Task A_document_the_gate_refuses_is_rejected_with_the_gates_code_and_reason_and_announced_final()
    {
        await _harness.ToRejectedAsync(_document);

        Assert.That(_harness.Audit.TrailOf(Id)[^1], Is.EqualTo("REJECT VALIDATING>REJECTED REJECTED SCHEMA_DEPRECATED"));
        Assert.That(_harness.Audit.Of(Id)[^1].Reason, Does.Contain("deprecated"));
        var final = _harness.Completions(_document).Single();
        Assert.That((final.FinalState, final.ErrorCode), Is.EqualTo(("REJECTED", ErrorCodes.SchemaDeprecated)));
        Assert.That(_harness.ParseCommands(_document), Is.Empty);
    }

    [Test]
    public async Task A_document_whose_validation_faulted_is_rejected_as_validation_failure()
    {
        await _harness.ToValidatingAsync(_document);

        await _harness.PublishFaultAsync(_harness.ValidateCommands(_document).Single());

        await _harness.InStateAsync(Id, m => m.Rejected);
        Assert.That(_harness.Audit.TrailOf(Id)[^1], Is.EqualTo("REJECT VALIDATING>REJECTED REJECTED VALIDATION_FAILURE"));
        Assert.That(_harness.Audit.Of(Id)[^1].Reason, Does.Contain("System.TimeoutException"));
        Assert.That(_harness.Completions(_document).Single().ErrorCode, Is.EqualTo(ErrorCodes.ValidationFailure));
    }

    [Test]
    public async Task A_document_with_every_field_found_is_parsed_on_its_attempt_and_sent_to_archival_with_its_fields()
    {
        await _harness.ToParsingAsync(_document);

        await _harness.PublishAsync(_document.Parsed(attempt: 3));

        await _harness.InStateAsync(Id, m => m.Parsed);
        Assert.That(_harness.Audit.TrailOf(Id)[^1], Is.EqualTo("PARSE PARSING>PARSED PARSED"));
        Assert.That(_harness.Audit.Of(Id)[^1].Attempt, Is.EqualTo(3));
        var command = _harness.ArchiveCommands(_document).Single();
        Assert.That(command.Fields.Select(f => f.Name), Is.EqualTo(OneDocument.Fields.Select(f => f.Name)));
        Assert.That((command.StudyId, command.TemplateId), Is.EqualTo(("ABC-123", "FDA-1572")));
    }

    [Test]
    public async Task A_document_with_a_missing_or_uncertain_field_waits_for_a_reviewer_with_what_it_needs()
    {
        await _harness.ToManualReviewAsync(_document);

        Assert.That(_harness.Audit.TrailOf(Id)[^1], Is.EqualTo("PARSE PARSING>MANUAL_REVIEW MANUAL_REVIEW"));
        Assert.That(_harness.Audit.Of(Id)[^1].Reason, Does.Contain("irb_name").And.Contain("protocol_number"));
        var request = _harness.ReviewRequests(_document).Single();
        Assert.That(request.MissingFields, Is.EqualTo(new[] { "irb_name" }));
        Assert.That(request.LowConfidenceFields, Is.EqualTo(new[] { "protocol_number" }));
        Assert.That(_harness.ArchiveCommands(_document), Is.Empty);
    }

    [Test]
    public async Task A_document_whose_parse_faulted_is_rejected_as_parser_failure()
    {
        await _harness.ToParsingAsync(_document);

        await _harness.PublishFaultAsync(_harness.ParseCommands(_document).Single());

        await _harness.InStateAsync(Id, m => m.Rejected);
        Assert.That(_harness.Audit.TrailOf(Id)[^1], Is.EqualTo("REJECT PARSING>REJECTED REJECTED PARSER_FAILURE"));
        Assert.That(_harness.Completions(_document).Single().ErrorCode, Is.EqualTo(ErrorCodes.ParserFailure));
    }

    [Test]
    public async Task An_approved_document_goes_on_to_archival_with_the_reviewer_as_actor_on_this_workers_host()
    {
        await _harness.ToManualReviewAsync(_document);

        await _harness.PublishAsync(_document.Decision(approved: true));

        await _harness.InStateAsync(Id, m => m.Parsed);
        Assert.That(_harness.Audit.TrailOf(Id)[^1], Is.EqualTo("REVIEW MANUAL_REVIEW>PARSED APPROVED"));
        var approval = _harness.Audit.Of(Id)[^1];
        Assert.That(approval.Actor.WorkerId, Is.EqualTo("reviewer:rita"));
        Assert.That((approval.Actor.Host, approval.Actor.ProcessId), Is.EqualTo((Environment.MachineName, Environment.ProcessId)), "not the message's host and process");
        Assert.That(approval.OccurredAt, Is.EqualTo(OneDocument.DecidedAt));
        Assert.That(_harness.ArchiveCommands(_document), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_document_a_reviewer_rejects_ends_rejected_as_review_rejected_with_the_reviewers_reason()
    {
        await _harness.ToManualReviewAsync(_document);

        await _harness.PublishAsync(_document.Decision(approved: false));

        await _harness.InStateAsync(Id, m => m.Rejected);
        Assert.That(_harness.Audit.TrailOf(Id)[^1], Is.EqualTo("REVIEW MANUAL_REVIEW>REJECTED REJECTED REVIEW_REJECTED"));
        var rejection = _harness.Audit.Of(Id)[^1];
        Assert.That((rejection.Actor.WorkerId, rejection.Reason), Is.EqualTo(("reviewer:rita", "The IRB approval is missing.")));
        Assert.That(_harness.Completions(_document).Single().ErrorCode, Is.EqualTo(ErrorCodes.ReviewRejected));
        Assert.That(_harness.ArchiveCommands(_document), Is.Empty);
    }

    [Test]
    public async Task An_archived_document_is_final_audited_in_five_steps_and_announced_to_the_packet_tracker()
    {
        await _harness.ToArchivedAsync(_document);

        Assert.That(
            _harness.Audit.TrailOf(Id),
            Is.EqualTo(new[]
            {
                "INGEST ->RECEIVED RECEIVED", "VALIDATE RECEIVED>VALIDATING STARTED", "VALIDATE VALIDATING>PARSING PASSED",
                "PARSE PARSING>PARSED PARSED", "ARCHIVE PARSED>ARCHIVED ARCHIVED",
            }));
        var final = _harness.Completions(_document).Single();
        Assert.That((final.FinalState, final.ErrorCode, final.DocumentId), Is.EqualTo(("ARCHIVED", (string?)null, "US-BOS-001-DOC-001")));
        Assert.That(_harness.Instance(Id)!.FinalizedAt, Is.EqualTo(final.FinalizedAt));
    }

    [Test]
    public async Task A_document_whose_archival_faulted_is_rejected_as_archive_failure()
    {
        await _harness.ToParsedAsync(_document);

        await _harness.PublishFaultAsync(_harness.ArchiveCommands(_document).Single());

        await _harness.InStateAsync(Id, m => m.Rejected);
        Assert.That(_harness.Audit.TrailOf(Id)[^1], Is.EqualTo("REJECT PARSED>REJECTED REJECTED ARCHIVE_FAILURE"));
        Assert.That(_harness.Completions(_document).Single().ErrorCode, Is.EqualTo(ErrorCodes.ArchiveFailure));
    }
}
