using System.Globalization;
using System.Text;

namespace Ingestion.Consumers.Artifacts;

/// <summary>
/// Classifies a document from its text by keyword scoring, deterministically: each profile's phrases that occur (once
/// each, without case or accents) add their weight. The best class must score <see cref="MinimumScore"/> and beat the
/// runner-up; its confidence is its share of the two best scores, scaled down while the score is below
/// <see cref="StrongScore"/>. A document that speaks for no class is <c>other</c>, as sure as there is text to judge
/// by (<see cref="EnoughWords"/>) and no class came close. A type the site declared that names one profile decides alone.
/// </summary>
public sealed class ArtifactClassifier(ArtifactProfileRegistry registry)
{
    /// <summary>The least score that makes a class.</summary>
    public const int MinimumScore = 3;

    /// <summary>The score at which a class's confidence is no longer scaled down.</summary>
    public const int StrongScore = 6;

    /// <summary>Words of text below which an unclassified document is less sure to be <c>other</c>.</summary>
    public const int EnoughWords = 40;

    /// <summary>The class of a document declared as <paramref name="declaredType"/> whose text is <paramref name="text"/>.</summary>
    public ArtifactClassification Classify(string? declaredType, string text)
    {
        var candidates = registry.CandidatesFor(declaredType);
        if (candidates.Count == 1)
        {
            return new ArtifactClassification(candidates[0], 1.0, Declared: true);
        }

        var normalized = Normalize(text);
        var scored = candidates
            .Where(p => p.Id != ArtifactProfileRegistry.OtherId)
            .Select(p => (Profile: p, Score: p.Keywords.Where(k => normalized.Contains(Normalize(k.Key), StringComparison.Ordinal)).Sum(k => k.Value)))
            .OrderByDescending(s => s.Score)
            .ToList();
        var best = scored.Count > 0 ? scored[0] : (Profile: registry[ArtifactProfileRegistry.OtherId], Score: 0);
        var second = scored.Count > 1 ? scored[1].Score : 0;
        if (best.Score >= MinimumScore)
        {
            var share = (double)best.Score / (best.Score + second);
            return new ArtifactClassification(best.Profile, Round(share * Math.Min(1.0, (double)best.Score / StrongScore)), Declared: false);
        }

        if (scored.Count > 0 && candidates.All(p => p.Id != ArtifactProfileRegistry.OtherId))
        {
            // The site named a type that is one of a few classes, and the text speaks for none of them: a person decides.
            return new ArtifactClassification(best.Profile, Round(0.5 * best.Score / StrongScore), Declared: false);
        }

        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var evidence = Math.Min(1.0, (double)words / EnoughWords);
        var doubt = 0.5 * best.Score / MinimumScore;
        return new ArtifactClassification(registry[ArtifactProfileRegistry.OtherId], Round(evidence * (1 - doubt)), Declared: false);
    }

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    // Lower case, accents dropped, every run of non-letters and non-digits one space: "Curriculum  Vitæ" matches "curriculum vitae".
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append(' ');
        var space = true;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space)
            {
                builder.Append(' ');
                space = true;
            }
        }

        return builder.Append(' ').ToString();
    }
}
