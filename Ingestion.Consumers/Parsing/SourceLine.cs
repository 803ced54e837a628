namespace Ingestion.Consumers.Parsing;

/// <summary>One line of a document's text, with where it came from and how sure its tier is of it.</summary>
/// <param name="Text">The line.</param>
/// <param name="Page">Its 1-based page.</param>
/// <param name="Tier">The tier that read it: <see cref="ExtractionTiers.Text"/> or <see cref="ExtractionTiers.Ocr"/>.</param>
/// <param name="Confidence">1 for a text layer; the OCR engine's confidence otherwise.</param>
/// <param name="WordConfidences">For OCR'd lines, each space-separated word's confidence.</param>
internal sealed record SourceLine(string Text, int Page, string Tier, double Confidence, IReadOnlyList<double>? WordConfidences = null)
{
    /// <summary>
    /// How sure the tier is of <paramref name="value"/> as found on this line: the mean confidence of the value's own
    /// words, so that a speck read beside the label does not lower the confidence of a cleanly read value.
    /// </summary>
    public double ConfidenceOf(string value)
    {
        if (WordConfidences is null)
        {
            return Confidence;
        }

        var words = Text.Split(' ');
        var wanted = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var start = words.Length - wanted.Length; start >= 0 && wanted.Length > 0; start--)
        {
            if (words.AsSpan(start, wanted.Length).SequenceEqual(wanted) && words.Length == WordConfidences.Count)
            {
                return WordConfidences.Skip(start).Take(wanted.Length).Average();
            }
        }

        return Confidence;
    }
}
