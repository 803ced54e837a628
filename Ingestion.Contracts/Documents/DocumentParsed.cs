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

    /// <summary>The artifact class a free-form document was read as, for example <c>gcp-certificate</c>; null for a templated one.</summary>
    public string? ArtifactClass { get; init; }

    /// <summary>How sure the class is, 0 to 1 (1 when the site declared a type that names one class).</summary>
    public double? ClassConfidence { get; init; }

    /// <summary>What the record should show beside the fields, for example an expired licence.</summary>
    public IReadOnlyList<DocumentFinding> Findings { get; init; } = [];

    /// <summary>A code that sends the document to manual review whatever its fields, for example <c>TEMPLATE_UNDECLARED</c>.</summary>
    public string? ReviewCode { get; init; }

    /// <summary>Why, in words, when <see cref="ReviewCode"/> is set.</summary>
    public string? ReviewReason { get; init; }
}
