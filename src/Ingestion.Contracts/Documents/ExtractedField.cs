namespace Ingestion.Contracts;

/// <summary>One field extracted from a document.</summary>
public record ExtractedField
{
    /// <summary>The field's name in the template registry, for example <c>investigator_name</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The value as found.</summary>
    public required string Value { get; init; }

    /// <summary>The extraction tier that produced it, for example <c>TEXT</c>.</summary>
    public required string Tier { get; init; }
}
