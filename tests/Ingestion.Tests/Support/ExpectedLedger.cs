namespace Ingestion.Tests.Support;

/// <summary>
/// How many audit entries a test should find, computed from the outcomes it expects rather than written as a literal
/// sum, so that a change to what an outcome records is made once, in <see cref="ExpectedOutcome"/>.
/// </summary>
internal static class ExpectedLedger
{
    /// <summary>The entries the documents of <paramref name="outcomes"/> write together.</summary>
    public static int EntriesFor(params IEnumerable<ExpectedOutcome> outcomes) => outcomes.Sum(o => o.Entries);

    /// <summary>The entries <paramref name="documents"/> documents of one outcome write together.</summary>
    public static int EntriesFor(int documents, ExpectedOutcome each) => documents * each.Entries;
}
