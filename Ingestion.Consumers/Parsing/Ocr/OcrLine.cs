namespace Ingestion.Consumers.Parsing.Ocr;

/// <summary>One line of text read from a page image.</summary>
/// <param name="Text">The line's words in reading order, separated by single spaces.</param>
/// <param name="Confidence">The mean of the line's word confidences, from 0 to 1.</param>
/// <param name="WordConfidences">Each word's confidence, 0 to 1, in the order of the words in <paramref name="Text"/>.</param>
public sealed record OcrLine(string Text, double Confidence, IReadOnlyList<double> WordConfidences);
