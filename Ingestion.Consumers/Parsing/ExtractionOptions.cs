namespace Ingestion.Consumers.Parsing;

/// <summary>Bounds of the extraction chain: bound from <c>Ingestion:Extraction</c>.</summary>
public sealed class ExtractionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Extraction";

    /// <summary>Pages without a text layer read by OCR at most; fields beyond them go to manual review.</summary>
    public int MaxOcrPages { get; set; } = 10;

    /// <summary>Lines kept for the heuristic tier at most, so that a huge document cannot exhaust memory.</summary>
    public int MaxHeuristicLines { get; set; } = 5_000;
}
