using Ingestion.Contracts;
using Ingestion.Identity.Signatures;
using Ingestion.Saga.Review;
using Ingestion.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Identity;

/// <summary>
/// Review decisions take effect only as signed and recorded: the saga refuses a decision that was never signed, one
/// signed for another document, one used already, and one signed on another version of the document.
/// </summary>
[TestFixture]
public sealed class SignedDecisionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private string _samples = null!;

    [SetUp]
    public void CreateSampleFolder() => _samples = Directory.CreateTempSubdirectory("ingestion-signed-").FullName;

    [TearDown]
    public void DeleteSampleFolder() => Directory.Delete(_samples, recursive: true);

    [Test]
    public async Task A_decision_message_naming_no_signed_decision_or_another_documents_decision_changes_nothing()
    {
        await using var fleet = await Fleet.StartAsync();
        await People.CreateAsync(fleet, People.Reviewer);
        var (first, second) = await TwoFormsInReviewAsync(fleet);
        var bus = fleet.Services.GetRequiredService<IBus>();

        await bus.Send(new ApplyReviewDecision { CorrelationId = second, DecisionId = Guid.NewGuid() });
        var approved = await fleet.Services.GetRequiredService<ReviewDecisions>().DecideAsync(Request(), first, approve: true, seenHash: null);
        Assert.That(approved.IsSigned, Is.True, approved.Message);
        await Eventually.Until(() => fleet.SagaAsync(first), saga => saga.CurrentState == "Archived", Deadline, "the signed approval to archive the first form");
        await bus.Send(new ApplyReviewDecision { CorrelationId = second, DecisionId = approved.Value!.DecisionId });

        var refusals = await Eventually.Until(
            async () => (await fleet.LedgerAsync(second)).Select(e => e.Event).Where(e => e.Action == "REVIEW").ToList(),
            entries => entries.Count == 2, Deadline, "both forged decisions refused on the second form's trail");
        Assert.That(refusals.Select(e => $"{e.FromState}->{e.ToState} {e.Outcome} {e.ErrorCode} {e.Actor.WorkerId}"), Is.All.EqualTo(
            "MANUAL_REVIEW->MANUAL_REVIEW REFUSED REVIEW_DECISION_REFUSED test-worker"));
        Assert.That(refusals[0].Reason, Does.EndWith("does not exist: no signed decision was recorded under that id."));
        Assert.That(refusals[1].Reason, Does.Contain($"is for document {first}, not this one"));
        Assert.That((await fleet.SagaAsync(second)).CurrentState, Is.EqualTo("ManualReview"));
        var archived = (await fleet.LedgerAsync(first)).Single(e => e.Event.Action == "REVIEW").Event;
        Assert.That(archived.Actor.WorkerId, Is.EqualTo("reviewer:jwhitfield"), "the signer, from the database, not from any message");
    }

    [Test]
    public async Task A_decision_signed_on_another_version_of_the_document_is_refused_once_and_for_good()
    {
        await using var fleet = await Fleet.StartAsync();
        var accounts = await People.CreateAsync(fleet, People.Reviewer);
        var (first, _) = await TwoFormsInReviewAsync(fleet);
        var decision = Guid.NewGuid();
        var stale = new string('0', 64);

        // What someone able to write the database could forge: a signature and a decision on a version that is not the document's.
        await using (var connection = await fleet.OpenDatabaseAsync())
        await using (var forge = new NpgsqlCommand(
            """
            INSERT INTO electronic_signatures (signature_id, user_id, user_name, printed_name, role, meaning, signed_at, subject_kind, subject_id, record_hash, reason)
            VALUES (@signature, @user, 'jwhitfield', 'Dr. Jane Whitfield', 'reviewer', 'APPROVAL', now(), 'document-review', @document, @hash, 'forged');
            INSERT INTO review_decisions (decision_id, correlation_id, approved, reason, record_hash, signature_id, decided_at)
            VALUES (@decision, @document, true, 'forged', @hash, @signature, now());
            """, connection))
        {
            forge.Parameters.AddWithValue("signature", Guid.NewGuid());
            forge.Parameters.AddWithValue("user", accounts[People.Reviewer.UserName].UserId);
            forge.Parameters.AddWithValue("document", first);
            forge.Parameters.AddWithValue("hash", stale);
            forge.Parameters.AddWithValue("decision", decision);
            await forge.ExecuteNonQueryAsync();
        }

        var bus = fleet.Services.GetRequiredService<IBus>();
        await bus.Send(new ApplyReviewDecision { CorrelationId = first, DecisionId = decision });
        await Eventually.Until(() => OutcomeAsync(fleet, decision), outcome => outcome is not null, Deadline, "the saga's outcome of the decision");
        await bus.Send(new ApplyReviewDecision { CorrelationId = first, DecisionId = decision });

        var refusals = await Eventually.Until(
            async () => (await fleet.LedgerAsync(first)).Select(e => e.Event).Where(e => e.Action == "REVIEW").ToList(),
            entries => entries.Count == 2, Deadline, "both deliveries refused");
        Assert.That(refusals[0].Reason, Does.Contain($"it signed version sha256:{stale}, but the document is now sha256:"));
        Assert.That(refusals[1].Reason, Does.Contain("was already refused; a decision is used once"));
        Assert.That(await OutcomeAsync(fleet, decision), Is.EqualTo("REFUSED"));
        Assert.That((await fleet.SagaAsync(first)).CurrentState, Is.EqualTo("ManualReview"));
    }

    [Test]
    public async Task A_reviewer_cannot_sign_a_version_of_the_document_they_did_not_see()
    {
        await using var fleet = await Fleet.StartAsync();
        await People.CreateAsync(fleet, People.Reviewer, People.SecondReviewer);
        var (first, _) = await TwoFormsInReviewAsync(fleet);
        var decisions = fleet.Services.GetRequiredService<ReviewDecisions>();
        var seen = (await decisions.RecordAsync(first))!.Hash;

        var correction = await decisions.CorrectAsync(
            Request(People.SecondReviewer.UserName) with { Reason = "Read on the original" }, first, "protocol_number", "ABC-123", seenHash: seen);
        var stale = await decisions.DecideAsync(Request(), first, approve: true, seenHash: seen);

        Assert.That(correction.IsSigned, Is.True, correction.Message);
        Assert.That((stale.IsSigned, stale.Refusal), Is.EqualTo((false, (SignatureRefusal?)SignatureRefusal.RecordChanged)));
        var signatures = await fleet.Services.GetRequiredService<ElectronicSignatures>().OnAsync(first);
        Assert.That(signatures.Select(s => $"{s.UserName} {s.Meaning}"), Is.EqualTo(new[] { "pquist CORRECTION" }), "no signature is kept for the refused decision");
        Assert.That(signatures[0].RecordHash, Is.EqualTo((await decisions.RecordAsync(first))!.Hash), "a correction signs the version it produces");
    }

    private static SignatureRequest Request(string? userName = null) => new()
    {
        UserName = userName ?? People.Reviewer.UserName,
        Password = People.Password,
        Meaning = SignatureMeanings.Approval,
        Reason = "Checked against the original",
        Origin = "test",
    };

    private static async Task<string?> OutcomeAsync(Fleet fleet, Guid decision)
    {
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("SELECT outcome FROM review_decision_outcomes WHERE decision_id = @id", connection);
        command.Parameters.AddWithValue("id", decision);
        return await command.ExecuteScalarAsync() as string;
    }

    private async Task<(Guid First, Guid Second)> TwoFormsInReviewAsync(Fleet fleet)
    {
        var folder = Path.Combine(_samples, "p");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "a-1572.txt"), "Template: FDA-1572; Version: 2.0\nName of Investigator: Dr. Lukas Brandt\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "b-1572.txt"), "Template: FDA-1572; Version: 2.1\nProtocol Number: ABC-123\n");
        var packet = await fleet.SubmitAsync(folder, "DE-BER-002");
        var documents = await fleet.WaitForSettledAsync(Deadline, packet.PacketId);
        Assert.That(documents.Select(d => d.State), Is.All.EqualTo("MANUAL_REVIEW"));
        return (documents[0].CorrelationId, documents[1].CorrelationId);
    }
}
