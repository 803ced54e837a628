namespace Ingestion.Saga.Documents;

/// <summary>The product's names for the saga's states, as operators and auditors read them.</summary>
public static class DocumentStates
{
    /// <summary>Final: sealed and indexed.</summary>
    public const string Archived = "ARCHIVED";

    /// <summary>Final: refused with an error code.</summary>
    public const string Rejected = "REJECTED";

    /// <summary>The final states.</summary>
    public static readonly IReadOnlySet<string> Final = new HashSet<string>(StringComparer.Ordinal) { Archived, Rejected };

    /// <summary>The display name of a state machine state, for example <c>Archived</c> → <c>ARCHIVED</c>.</summary>
    public static string Display(string stateName)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        return stateName.ToUpperInvariant();
    }
}
