namespace Ingestion.Contracts;

/// <summary>
/// A state of a document's ingestion, with its two spellings: <see cref="Name"/>, the state machine's name that
/// <c>document_ingestion.current_state</c> stores, and <see cref="Display"/>, the name operators and auditors read, which
/// the audit ledger's from/to states, <see cref="DocumentFinalized.FinalState"/>, receipts and exports carry.
/// Both spellings are persisted: they never change.
/// </summary>
public sealed class DocumentState
{
    private DocumentState(string name, string display)
    {
        Name = name;
        Display = display;
    }

    /// <summary>Created, not yet handed to validation (passed through within the step that creates the document).</summary>
    public static DocumentState Received { get; } = new("Received", "RECEIVED");

    /// <summary>At the validation gate.</summary>
    public static DocumentState Validating { get; } = new("Validating", "VALIDATING");

    /// <summary>Fields being extracted.</summary>
    public static DocumentState Parsing { get; } = new("Parsing", "PARSING");

    /// <summary>Fields extracted (or approved by a reviewer), being archived.</summary>
    public static DocumentState Parsed { get; } = new("Parsed", "PARSED");

    /// <summary>Waiting for a reviewer: a required field is missing or below the review threshold.</summary>
    public static DocumentState ManualReview { get; } = new("ManualReview", "MANUAL_REVIEW");

    /// <summary>Final: sealed and indexed.</summary>
    public static DocumentState Archived { get; } = new("Archived", "ARCHIVED");

    /// <summary>Final: refused with an error code (<see cref="ErrorCodes"/>).</summary>
    public static DocumentState Rejected { get; } = new("Rejected", "REJECTED");

    /// <summary>Every state, in the order a document moves through them.</summary>
    public static IReadOnlyList<DocumentState> All { get; } = [Received, Validating, Parsing, Parsed, ManualReview, Archived, Rejected];

    /// <summary>The final states.</summary>
    public static IReadOnlyList<DocumentState> Final { get; } = [Archived, Rejected];

    /// <summary>The states in which a document has stopped moving on its own: final, or waiting for a reviewer.</summary>
    public static IReadOnlyList<DocumentState> Settled { get; } = [Archived, Rejected, ManualReview];

    /// <summary>The state machine's name, as stored in <c>document_ingestion.current_state</c>, for example <c>ManualReview</c>.</summary>
    public string Name { get; }

    /// <summary>The product's name, for example <c>MANUAL_REVIEW</c>.</summary>
    public string Display { get; }

    /// <summary>Whether the state is final.</summary>
    public bool IsFinal => Final.Contains(this);

    /// <summary>The state stored as <paramref name="name"/>, or null when no state has that name.</summary>
    public static DocumentState? Named(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>The display name of the state stored as <paramref name="name"/>; an unknown name is returned as it is.</summary>
    public static string DisplayOf(string name) => Named(name)?.Display ?? name;

    /// <summary>The state whose display name is <paramref name="display"/> (ignoring case and surrounding blanks), or null.</summary>
    public static DocumentState? Displayed(string display) =>
        All.FirstOrDefault(s => string.Equals(s.Display, display?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The stored names of <paramref name="states"/>, for a SQL parameter.</summary>
    public static string[] Names(IEnumerable<DocumentState> states) => states.Select(s => s.Name).ToArray();

    /// <summary>The display names of <paramref name="states"/>, for a SQL parameter.</summary>
    public static string[] Displays(IEnumerable<DocumentState> states) => states.Select(s => s.Display).ToArray();

    /// <inheritdoc />
    public override string ToString() => Display;
}
