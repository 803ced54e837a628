using Ingestion.Consumers.Templates;
using Ingestion.Contracts;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Parsing;

/// <summary>
/// The deterministic fallback chain: exact labels on the text layer (tier 1) or on OCR'd pages (tier 2), then
/// heuristic rules over the same lines (tier 3) for what is still missing. What no tier finds, or finds below the
/// template's review threshold, is for manual review (tier 4), decided by the saga. Same bytes, same fields.
/// </summary>
internal sealed class FieldExtractionChain(DocumentLineReader reader, IOptions<ExtractionOptions> options) : IFieldExtractor
{
    public async Task<IReadOnlyList<ExtractedField>> ExtractAsync(string path, TemplateVersion templateVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(templateVersion);
        var found = new Dictionary<string, ExtractedField>(StringComparer.Ordinal);
        var kept = new List<SourceLine>();
        await foreach (var line in reader.ReadAsync(path, cancellationToken))
        {
            if (kept.Count < options.Value.MaxHeuristicLines)
            {
                kept.Add(line);
            }

            foreach (var field in templateVersion.Fields.Where(f => !found.ContainsKey(f.Name)))
            {
                if (LabelMatch.ValueAfter(line.Text, field.Label, field) is { } value)
                {
                    found[field.Name] = new ExtractedField
                    {
                        Name = field.Name, Value = value, Tier = line.Tier, Confidence = Math.Round(line.ConfidenceOf(value), 4), Page = line.Page,
                    };
                }
            }

            if (found.Count == templateVersion.Fields.Count)
            {
                break;
            }
        }

        foreach (var field in templateVersion.Fields.Where(f => !found.ContainsKey(f.Name)))
        {
            if (HeuristicRules.Find(field, kept) is { } guessed)
            {
                found[field.Name] = guessed;
            }
        }

        return templateVersion.Fields.Where(f => found.ContainsKey(f.Name)).Select(f => found[f.Name]).ToList();
    }
}
