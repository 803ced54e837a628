namespace Ingestion.Contracts;

/// <summary>One field extracted from a document.</summary>
public record ExtractedField
{
    /// <summary>The field's name in the template registry, for example <c>investigator_name</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The value as found.</summary>
    public required string Value { get; init; }

    /// <summary>The extraction tier that produced it: <c>TEXT</c>, <c>OCR</c> or <c>HEURISTIC</c>.</summary>
    public required string Tier { get; init; }

    /// <summary>How sure the tier is of the value, 0 to 1 (1 for a text layer).</summary>
    public double Confidence { get; init; } = 1.0;

    /// <summary>The 1-based page the value was found on, when known.</summary>
    public int? Page { get; init; }
}
