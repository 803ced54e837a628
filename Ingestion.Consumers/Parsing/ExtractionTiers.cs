namespace Ingestion.Consumers.Parsing;

/// <summary>The tiers of the extraction fallback chain, recorded with every field.</summary>
public static class ExtractionTiers
{
    /// <summary>Read from the document's text layer.</summary>
    public const string Text = "TEXT";

    /// <summary>Read by OCR from a page without a text layer.</summary>
    public const string Ocr = "OCR";

    /// <summary>Found by a label or pattern rule after the first two tiers missed it.</summary>
    public const string Heuristic = "HEURISTIC";

    /// <summary>The artifact class, as the site declared it.</summary>
    public const string Declared = "DECLARED";

    /// <summary>The artifact class, as classified from the document's content.</summary>
    public const string Classifier = "CLASSIFIER";
}
