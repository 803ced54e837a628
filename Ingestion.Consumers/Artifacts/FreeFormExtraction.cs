using Ingestion.Consumers.Parsing;
using Ingestion.Consumers.Templates;
using Ingestion.Consumers.Validation;
using Ingestion.Contracts;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Artifacts;

/// <summary>
/// Generic extraction of a document that declares no template: its first pages' lines (text layer, then OCR, through
/// the contained reader), its class (declared, or classified from those lines), the class's fields by the profile's
/// rules, expiry findings. A templated class without a declaration is <c>TEMPLATE_UNDECLARED</c>: rejected, or for a
/// reviewer, as its profile says. Deterministic: same bytes, declared type and receipt time, same result.
/// </summary>
internal sealed class FreeFormExtraction(
    DocumentLineReader reader,
    ArtifactProfileRegistry registry,
    ArtifactClassifier classifier,
    IOptions<ArtifactProfileOptions> options,
    IOptions<ExtractionOptions> extraction)
{
    /// <summary>The field that records the class.</summary>
    public const string ClassField = "artifact_class";

    /// <exception cref="UnreadableDocumentException">A templated artifact without a declaration whose profile rejects it.</exception>
    public async Task<FreeFormResult> ExtractAsync(string path, string? declaredType, DateTime? receivedAt, CancellationToken cancellationToken)
    {
        var lines = new List<SourceLine>();
        await foreach (var line in reader.ReadAsync(path, Math.Max(1, options.Value.MaxPages), cancellationToken))
        {
            if (lines.Count >= extraction.Value.MaxHeuristicLines)
            {
                break;
            }

            lines.Add(line);
        }

        var classification = classifier.Classify(declaredType, string.Join('\n', lines.Select(l => l.Text)));
        var profile = classification.Profile;
        var classField = new ExtractedField
        {
            Name = ClassField,
            Value = profile.Id,
            Tier = classification.Declared ? ExtractionTiers.Declared : ExtractionTiers.Classifier,
            Confidence = classification.Confidence,
        };
        string? reviewCode = null;
        string? reviewReason = null;
        if (profile.Kind == ArtifactKind.Templated)
        {
            var reason = $"The document is a {profile.Title} ({(classification.Declared ? "declared" : $"classified, confidence {classification.Confidence:0.00}")}), "
                + "a templated artifact, but declares no template in its metadata or its first lines.";
            if (profile.WithoutDeclaration == UndeclaredTemplate.Reject)
            {
                throw new UnreadableDocumentException(ErrorCodes.TemplateUndeclared, reason + " Its profile rejects it: the site must send the form with its declaration.");
            }

            (reviewCode, reviewReason) = (ErrorCodes.TemplateUndeclared, reason);
        }

        var found = ProfileFieldRules.Find(profile, lines);
        var missing = profile.Fields.Where(f => f.Required && found.All(x => x.Name != f.Name)).Select(f => f.Name).ToList();
        var uncertain = found.Where(f => f.Confidence < TemplateRegistry.DefaultReviewThreshold).Select(f => f.Name).ToList();
        if (classification.Confidence < registry.ClassificationThreshold)
        {
            uncertain.Insert(0, ClassField);
        }

        return new FreeFormResult(
            classification, [classField, .. found], missing, uncertain, ExpiryFindings.Of(found, receivedAt), reviewCode, reviewReason);
    }
}
