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

    /// <summary>Waiting for a reviewer's decision.</summary>
    public const string ManualReview = "MANUAL_REVIEW";

    /// <summary>Every state machine state's name, in the order a document goes through them.</summary>
    public static readonly IReadOnlyList<string> MachineNames = ["Received", "Validating", "Parsing", "Parsed", "ManualReview", "Archived", "Rejected"];

    /// <summary>The state machine state of a display name (<c>MANUAL_REVIEW</c> → <c>ManualReview</c>), or null.</summary>
    public static string? MachineName(string display) =>
        MachineNames.FirstOrDefault(name => string.Equals(Display(name), display.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The display name of a state machine state, for example <c>ManualReview</c> → <c>MANUAL_REVIEW</c>.</summary>
    public static string Display(string stateName)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        var display = new System.Text.StringBuilder(stateName.Length + 4);
        for (var i = 0; i < stateName.Length; i++)
        {
            if (i > 0 && char.IsUpper(stateName[i]) && char.IsLower(stateName[i - 1]))
            {
                display.Append('_');
            }

            display.Append(char.ToUpperInvariant(stateName[i]));
        }

        return display.ToString();
    }
}
