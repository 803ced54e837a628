using Ingestion.Audit.Ledger;
using Ingestion.Contracts;
using Ingestion.Qualification.Replay;

namespace Ingestion.UnitTests.Qualification;

[TestFixture]
public sealed class OutcomeDigestTests
{
    private static readonly DocumentRecord Archived = new(
        "US-BOS-001", "US-BOS-001-DOC-001", "ARCHIVED", null, "FDA-1572", "2.0", null,
        ["INGEST ->RECEIVED RECEIVED", "VALIDATE RECEIVED>VALIDATING STARTED", "VALIDATE VALIDATING>PARSING PASSED"],
        ["investigator_name=Dr. Jane Whitfield [TEXT 1 p.1]"]);

    private static readonly DocumentRecord Rejected = new(
        "DE-BER-002", "DE-BER-002-DOC-001", "REJECTED", "SCHEMA_DEPRECATED", "FDA-1572", "1.4", "deprecated",
        ["INGEST ->RECEIVED RECEIVED", "REJECT VALIDATING>REJECTED REJECTED SCHEMA_DEPRECATED"], []);

    [Test]
    public void The_digest_does_not_depend_on_the_order_documents_are_read_in()
    {
        Assert.That(OutcomeDigest.Compute([Archived, Rejected]), Is.EqualTo(OutcomeDigest.Compute([Rejected, Archived])));
    }

    [Test]
    public void A_changed_error_code_changes_the_digest_and_is_reported_with_the_document_and_both_values()
    {
        var changed = Rejected with { ErrorCode = "SCHEMA_UNKNOWN" };

        Assert.That(OutcomeDigest.Compute([Archived, changed]), Is.Not.EqualTo(OutcomeDigest.Compute([Archived, Rejected])));
        var differences = DigestComparison.Differences([Archived, Rejected], [Archived, changed]);
        Assert.That(differences, Has.Count.EqualTo(1));
        Assert.That(differences[0], Does.StartWith("DE-BER-002/DE-BER-002-DOC-001:").And.Contain("error code 'SCHEMA_DEPRECATED' vs 'SCHEMA_UNKNOWN'"));
    }

    [Test]
    public void A_changed_field_value_or_transition_changes_the_digest_and_names_the_first_step_that_differs()
    {
        var field = Archived with { Fields = ["investigator_name=Dr. Jane Whitfeld [TEXT 1 p.1]"] };
        var rejected = Archived with { Transitions = [.. Archived.Transitions.Take(2), "REJECT VALIDATING>REJECTED REJECTED MALFORMED"] };

        Assert.That(OutcomeDigest.Compute([field]), Is.Not.EqualTo(OutcomeDigest.Compute([Archived])));
        Assert.That(OutcomeDigest.Compute([rejected]), Is.Not.EqualTo(OutcomeDigest.Compute([Archived])));
        Assert.That(DigestComparison.Differences([Archived], [field])[0], Does.Contain("field 1 'investigator_name=Dr. Jane Whitfield"));
        Assert.That(DigestComparison.Differences([Archived], [rejected])[0], Does.Contain("transition 3"));
        Assert.That(DigestComparison.Differences([Archived, Rejected], [Archived])[0], Does.Contain("only in run A"));
    }

    [Test]
    public void A_transiently_failed_attempt_that_was_retried_is_reported_beside_the_digest_not_in_it()
    {
        var retried = Archived with { Retries = ["PARSE RETRY TRANSIENT_FAULT: IOException: reset"] };

        Assert.That(OutcomeDigest.Compute([retried]), Is.EqualTo(OutcomeDigest.Compute([Archived])));
    }

    [Test]
    public void Transitions_are_ordered_by_their_states_not_by_the_order_the_ledger_appended_them()
    {
        var id = Guid.NewGuid();
        AuditEntry Step(string? from, string to) => new()
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTime.UtcNow, Actor = new AuditActor { WorkerId = "w", Host = "h", ProcessId = 1 },
            Action = "A", CorrelationId = id, PacketId = id, SiteId = "S", DocumentSha256 = string.Empty, FromState = from, ToState = to,
            Outcome = to, Attempt = 1,
        };

        var (chain, complete) = OutcomeReader.CausalChain([Step("VALIDATING", "REJECTED"), Step(null, "RECEIVED"), Step("RECEIVED", "VALIDATING")], "REJECTED");
        var (_, partial) = OutcomeReader.CausalChain([Step(null, "RECEIVED"), Step("VALIDATING", "REJECTED")], "REJECTED");

        Assert.That(chain.Select(e => e.ToState), Is.EqualTo(new[] { "RECEIVED", "VALIDATING", "REJECTED" }));
        Assert.That(complete, Is.True);
        Assert.That(partial, Is.False, "a missing middle step is not a complete chain");
    }
}
