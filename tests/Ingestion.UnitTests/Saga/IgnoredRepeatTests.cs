namespace Ingestion.UnitTests.Saga;

/// <summary>A message that arrives again, or late, changes nothing: no transition, no audit entry, nothing sent.</summary>
[TestFixture]
public sealed class IgnoredRepeatTests
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
    public async Task A_packet_submitted_twice_keeps_one_saga_and_audits_its_receipt_once()
    {
        await _harness.ToParsingAsync(_document);
        var before = Snapshot();

        await _harness.PublishAsync(_document.Submitted());

        Assert.That(Snapshot(), Is.EqualTo(before));
        Assert.That(_harness.SagaCount(Id), Is.EqualTo(1));
        Assert.That(_harness.ValidateCommands(_document), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_validation_result_redelivered_after_parsing_began_changes_nothing()
    {
        await _harness.ToParsingAsync(_document);
        var before = Snapshot();

        await _harness.PublishAsync(_document.Validated());
        await _harness.PublishAsync(_document.ValidationFailed());

        Assert.That(Snapshot(), Is.EqualTo(before));
        Assert.That(_harness.ParseCommands(_document), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_parse_result_redelivered_after_the_document_was_parsed_changes_nothing()
    {
        await _harness.ToParsedAsync(_document);
        var before = Snapshot();

        await _harness.PublishAsync(_document.Parsed());
        await _harness.PublishAsync(_document.ParsedWithGaps());

        Assert.That(Snapshot(), Is.EqualTo(before));
        Assert.That(_harness.ArchiveCommands(_document), Has.Count.EqualTo(1));
        Assert.That(_harness.ReviewRequests(_document), Is.Empty);
    }

    [Test]
    public async Task A_review_decision_for_a_document_that_is_not_in_review_changes_nothing()
    {
        await _harness.ToParsingAsync(_document);
        var before = Snapshot();

        await _harness.PublishAsync(_document.Decision(approved: true));

        Assert.That(Snapshot(), Is.EqualTo(before));
        Assert.That(_harness.ArchiveCommands(_document), Is.Empty);
    }

    [Test]
    public async Task A_second_review_decision_for_a_decided_document_changes_nothing()
    {
        await _harness.ToManualReviewAsync(_document);
        await _harness.PublishAsync(_document.Decision(approved: false));
        await _harness.InStateAsync(Id, m => m.Rejected);
        var before = Snapshot();

        await _harness.PublishAsync(_document.Decision(approved: true));

        Assert.That(Snapshot(), Is.EqualTo(before));
        Assert.That(_harness.Completions(_document), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_archive_result_for_a_final_document_changes_nothing()
    {
        await _harness.ToArchivedAsync(_document);
        var before = Snapshot();

        await _harness.PublishAsync(_document.Archived());

        Assert.That(Snapshot(), Is.EqualTo(before));
        Assert.That(_harness.Completions(_document), Has.Count.EqualTo(1));
    }

    private (string State, string Trail) Snapshot() =>
        (_harness.Instance(Id)!.CurrentState, string.Join(" | ", _harness.Audit.TrailOf(Id)));
}
