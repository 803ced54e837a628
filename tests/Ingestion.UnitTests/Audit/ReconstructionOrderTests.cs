using Ingestion.Audit.Export;

namespace Ingestion.UnitTests.Audit;

[TestFixture]
public sealed class ReconstructionOrderTests
{
    [Test]
    public void A_timeline_whose_entries_two_audit_workers_appended_out_of_order_still_ends_in_the_documents_final_state()
    {
        var id = Guid.NewGuid();
        var seq = 0;
        TimelineEntry Step(string? from, string to, string outcome) => new()
        {
            Seq = ++seq, OccurredAt = "2026-11-29T12:00:00.000000Z", Action = "A", FromState = from, ToState = to, Outcome = outcome,
            Attempt = 1, Actor = "w", CorrelationId = id, PacketId = id, SiteId = "S", DocumentSha256 = "h",
        };

        var reconstruction = Reconstruction.Build(
        [
            Step(null, "RECEIVED", "RECEIVED"),
            Step("RECEIVED", "VALIDATING", "STARTED"),
            Step("VALIDATING", "PARSING", "PASSED"),
            Step("PARSED", "ARCHIVED", "ARCHIVED"),
            Step("PARSING", "PARSING", "RETRY"),
            Step("PARSING", "PARSED", "PARSED"),
        ]);

        var timeline = reconstruction.Documents.Single();
        Assert.That(timeline.FinalState, Is.EqualTo("ARCHIVED"));
        Assert.That(timeline.FinalOutcome, Is.EqualTo("ARCHIVED"));
        Assert.That(timeline.Entries.Select(e => e.Seq), Is.EqualTo(new long[] { 1, 2, 3, 4, 5, 6 }), "entries stay in chain (seq) order");
    }
}
