namespace Ingestion.Contracts;

/// <summary>The parse stage finished with the fields it could extract.</summary>
public record DocumentParsed
{
    /// <summary>The document's saga.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>Extracted fields by name, in the template's order.</summary>
    public required IReadOnlyList<ExtractedField> Fields { get; init; }

    /// <summary>Required fields that could not be found.</summary>
    public required IReadOnlyList<string> MissingFields { get; init; }

    /// <summary>Fields found with a confidence below the template version's review threshold.</summary>
    public IReadOnlyList<string> LowConfidenceFields { get; init; } = [];

    /// <summary>Which attempt succeeded (1 when the first did).</summary>
    public required int Attempt { get; init; }
}
