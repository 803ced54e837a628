using Ingestion.Contracts;

namespace Ingestion.UnitTests.Saga;

/// <summary>The state machine's states are the vocabulary's: the names it stores are the ones SQL and the reports are given.</summary>
[TestFixture]
public sealed class StateVocabularyTests
{
    [Test]
    public async Task Every_state_of_the_machine_is_a_document_state_and_every_document_state_is_one_of_the_machine()
    {
        await using var harness = await SagaHarness.StartAsync();
        var machine = harness.Machine;

        var declared = machine.States.Where(s => s != machine.Initial && s != machine.Final).Select(s => s.Name);

        Assert.That(declared, Is.EquivalentTo(DocumentState.All.Select(s => s.Name)));
    }

    [Test]
    public void The_display_name_of_each_stored_state_is_its_product_name()
    {
        Assert.That(DocumentState.All.Select(s => DocumentState.DisplayOf(s.Name)), Is.EqualTo(new[]
        {
            "RECEIVED", "VALIDATING", "PARSING", "PARSED", "MANUAL_REVIEW", "ARCHIVED", "REJECTED",
        }));
        Assert.That(DocumentState.Final.Select(s => s.Name), Is.EqualTo(new[] { "Archived", "Rejected" }), "the names document_ingestion stores");
    }
}
