namespace Ingestion.Consumers.Artifacts;

/// <summary>What a free-form field's value looks like.</summary>
public enum FieldKind
{
    /// <summary>A person's name: two words or more, starting with a capital.</summary>
    Name,

    /// <summary>A date in one of the written forms of <see cref="WrittenDate"/>, recorded as <c>yyyy-MM-dd</c>.</summary>
    Date,

    /// <summary>Free text of 3 to 120 characters.</summary>
    Text,

    /// <summary>An identifier holding at least one digit.</summary>
    Number,

    /// <summary>Whether the page carries it at all (a signature line): recorded as <c>yes</c>.</summary>
    Present,
}
