namespace Ingestion.Consumers.Parsing.Ocr;

/// <summary>One line of text read from a page image.</summary>
/// <param name="Text">The line's words in reading order, separated by single spaces.</param>
/// <param name="Confidence">The mean of the line's word confidences, from 0 to 1.</param>
public sealed record OcrLine(string Text, double Confidence);
