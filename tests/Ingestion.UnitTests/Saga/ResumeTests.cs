using System.Text.Json;

namespace Ingestion.UnitTests.Saga;

/// <summary>
/// The recovery sweep's resume: the saga sends again exactly what its state waits on, built as the transition into that
/// state built it, and neither moves nor audits anything.
/// </summary>
[TestFixture]
public sealed class ResumeTests
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

    [Test]
    public async Task A_document_resumed_at_the_validation_gate_is_sent_to_validation_again() =>
        await ResumeAndCompareAsync(_harness.ToValidatingAsync, () => _harness.ValidateCommands(_document));

    [Test]
    public async Task A_document_resumed_while_parsing_is_sent_to_parsing_again() =>
        await ResumeAndCompareAsync(_harness.ToParsingAsync, () => _harness.ParseCommands(_document));

    [Test]
    public async Task A_parsed_document_resumed_is_sent_to_archival_again_with_its_fields() =>
        await ResumeAndCompareAsync(_harness.ToParsedAsync, () => _harness.ArchiveCommands(_document));

    [Test]
    public async Task A_document_resumed_in_manual_review_is_put_before_a_reviewer_again_with_what_it_needs() =>
        await ResumeAndCompareAsync(_harness.ToManualReviewAsync, () => _harness.ReviewRequests(_document));

    [Test]
    public async Task An_archived_document_resumed_announces_its_completion_again() =>
        await ResumeAndCompareAsync(_harness.ToArchivedAsync, () => _harness.Completions(_document));

    [Test]
    public async Task A_rejected_document_resumed_announces_its_completion_again() =>
        await ResumeAndCompareAsync(_harness.ToRejectedAsync, () => _harness.Completions(_document));

    [Test]
    public async Task A_resume_for_a_document_that_does_not_exist_creates_nothing()
    {
        await _harness.PublishAsync(_document.Resume());

        Assert.That(_harness.Instance(_document.CorrelationId), Is.Null);
        Assert.That(_harness.Audit.Of(_document.CorrelationId), Is.Empty);
        Assert.That(_harness.ValidateCommands(_document), Is.Empty);
    }

    private async Task ResumeAndCompareAsync<T>(Func<OneDocument, Task> bringToState, Func<IReadOnlyList<T>> sent)
    {
        await bringToState(_document);
        var state = _harness.Instance(_document.CorrelationId)!.CurrentState;
        var trail = _harness.Audit.TrailOf(_document.CorrelationId);
        var original = sent().Single();

        await _harness.PublishAsync(_document.Resume());

        var messages = sent();
        Assert.That(messages, Has.Count.EqualTo(2), $"{typeof(T).Name} sent again");
        Assert.That(JsonSerializer.Serialize(messages[1]), Is.EqualTo(JsonSerializer.Serialize(original)), "the same message as the transition sent");
        Assert.That(_harness.Instance(_document.CorrelationId)!.CurrentState, Is.EqualTo(state), "the state does not move");
        Assert.That(_harness.Audit.TrailOf(_document.CorrelationId), Is.EqualTo(trail), "a resume is no transition: nothing audited");
    }
}
