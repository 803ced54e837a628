using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Templates;

/// <summary>
/// The versioned list of templates the fleet accepts, loaded once from a JSON file whose own
/// <see cref="RegistryVersion"/> is recorded with every validation so an outcome can be reproduced later.
/// </summary>
public sealed class TemplateRegistry
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The review threshold of a version that names none.</summary>
    public const double DefaultReviewThreshold = 0.8;

    private readonly Dictionary<string, Dictionary<string, TemplateVersion>> _templates;

    /// <summary>Loads the registry named by the options.</summary>
    public TemplateRegistry(IOptions<TemplateRegistryOptions> options)
        : this(File.ReadAllText(ResolvePath(options)))
    {
    }

    /// <summary>Parses a registry document.</summary>
    public TemplateRegistry(string json)
    {
        var document = JsonSerializer.Deserialize<RegistryDocument>(json, Json)
            ?? throw new InvalidDataException("The template registry is empty.");
        RegistryVersion = document.RegistryVersion;
        _templates = new Dictionary<string, Dictionary<string, TemplateVersion>>(StringComparer.Ordinal);
        foreach (var (templateId, template) in document.Templates)
        {
            var versions = new Dictionary<string, TemplateVersion>(StringComparer.Ordinal);
            foreach (var (version, entry) in template.Versions)
            {
                var fields = (entry.Fields ?? []).Select(f => new TemplateField(f.Name, f.Label, f.Pattern)).ToList();
                versions[version] = new TemplateVersion(
                    templateId, version, template.ArtifactType, entry.Status, fields, entry.ReviewThreshold ?? DefaultReviewThreshold);
            }

            _templates[templateId] = versions;
        }
    }

    /// <summary>The registry file's own version.</summary>
    public string RegistryVersion { get; }

    /// <summary>Whether the template id is known at all.</summary>
    public bool Knows(string templateId) => _templates.ContainsKey(templateId);

    /// <summary>The entry for a template version, if the registry lists it.</summary>
    public TemplateVersion? Find(string templateId, string version) =>
        _templates.TryGetValue(templateId, out var versions) && versions.TryGetValue(version, out var entry) ? entry : null;

    private static string ResolvePath(IOptions<TemplateRegistryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Value.Path;
        return Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
    }

    private sealed record RegistryDocument(string RegistryVersion, Dictionary<string, TemplateEntry> Templates);

    private sealed record TemplateEntry(string ArtifactType, string Title, Dictionary<string, VersionEntry> Versions);

    private sealed record VersionEntry(TemplateStatus Status, List<FieldEntry>? Fields, double? ReviewThreshold);

    private sealed record FieldEntry(string Name, string Label, string Pattern);
}
