using System.Text;
using System.Text.RegularExpressions;
using Ingestion.Consumers.Templates;
using Ingestion.Contracts;

namespace Ingestion.Consumers.Parsing;

/// <summary>
/// Reads <c>Label: value</c> lines of a text document, line by line, and keeps the first value of each required
/// label that matches the field's pattern. Deterministic: the same bytes always give the same fields.
/// </summary>
internal sealed class TextFieldExtractor : IFieldExtractor
{
    /// <summary>The tier name recorded for fields read from the text itself.</summary>
    public const string Tier = "TEXT";

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(250);

    public async Task<IReadOnlyList<ExtractedField>> ExtractAsync(Stream content, TemplateVersion templateVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(templateVersion);
        var template = templateVersion;
        var byLabel = template.Fields.ToDictionary(f => f.Label, StringComparer.OrdinalIgnoreCase);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        string? line;
        while (found.Count < byLabel.Count && (line = await reader.ReadLineAsync(cancellationToken)) is not null)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !byLabel.TryGetValue(line[..colon].Trim(), out var field) || found.ContainsKey(field.Name))
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim();
            if (Regex.IsMatch(value, $"^(?:{field.Pattern})$", RegexOptions.CultureInvariant, PatternTimeout))
            {
                found[field.Name] = value;
            }
        }

        return template.Fields
            .Where(f => found.ContainsKey(f.Name))
            .Select(f => new ExtractedField { Name = f.Name, Value = found[f.Name], Tier = Tier })
            .ToList();
    }
}
