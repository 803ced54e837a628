namespace Ingestion.Consumers.Parsing.Ocr;

/// <summary>The text read from one page of a PDF.</summary>
/// <param name="PageNumber">The page, counted from 1.</param>
/// <param name="Lines">The page's lines in reading order; empty when no text was recognised.</param>
/// <param name="MeanConfidence">The mean confidence of all the page's words, from 0 to 1; 0 when there are none.</param>
public sealed record OcrPage(int PageNumber, IReadOnlyList<OcrLine> Lines, double MeanConfidence);
