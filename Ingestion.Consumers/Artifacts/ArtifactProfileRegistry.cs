using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Artifacts;

/// <summary>
/// The versioned artifact profile registry: for each TMF artifact type, whether it is templated (the template gate
/// decides) or free-form (generic extraction and the profile's rules), the fields worth having, and the keywords that
/// classify a document whose type was not declared. Loaded once; its <see cref="RegistryVersion"/> is recorded as the
/// schema version of every free-form document, so that an outcome can be reproduced later.
/// </summary>
public sealed class ArtifactProfileRegistry
{
    /// <summary>The class of a document that is none of the others.</summary>
    public const string OtherId = "other";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private readonly Dictionary<string, ArtifactProfile> _profiles;

    /// <summary>Loads the registry named by the options.</summary>
    public ArtifactProfileRegistry(IOptions<ArtifactProfileOptions> options)
        : this(File.ReadAllText(ResolvePath(options)), options.Value.ClassificationThreshold)
    {
    }

    /// <summary>Parses a registry document; <paramref name="threshold"/> overrides its classification threshold.</summary>
    public ArtifactProfileRegistry(string json, double? threshold = null)
    {
        var document = JsonSerializer.Deserialize<RegistryDocument>(json, Json)
            ?? throw new InvalidDataException("The artifact profile registry is empty.");
        RegistryVersion = document.RegistryVersion;
        ClassificationThreshold = threshold ?? document.ClassificationThreshold;
        _profiles = document.Profiles.ToDictionary(
            p => p.Key,
            p => new ArtifactProfile(
                p.Key, p.Value.Title, p.Value.Kind, p.Value.ArtifactTypes ?? [], p.Value.WithoutDeclaration ?? UndeclaredTemplate.Review,
                p.Value.Keywords ?? [], (p.Value.Fields ?? []).Select(f => new ProfileField(f.Name, f.Kind, f.Required, f.Labels)).ToList()),
            StringComparer.Ordinal);
        if (!_profiles.ContainsKey(OtherId))
        {
            throw new InvalidDataException($"The artifact profile registry {RegistryVersion} has no '{OtherId}' profile.");
        }
    }

    /// <summary>The registry file's own version.</summary>
    public string RegistryVersion { get; }

    /// <summary>A classification less sure than this sends the document to manual review.</summary>
    public double ClassificationThreshold { get; }

    /// <summary>Every profile, in the registry's order.</summary>
    public IReadOnlyCollection<ArtifactProfile> All => _profiles.Values;

    /// <summary>The profile of a class.</summary>
    public ArtifactProfile this[string id] => _profiles[id];

    /// <summary>
    /// The profiles a declared artifact type names (a TMF number may name several, for example a licence and a
    /// certificate filed under one number); every profile when the type is missing, unspecified or unknown.
    /// </summary>
    public IReadOnlyList<ArtifactProfile> CandidatesFor(string? declaredType)
    {
        var wanted = declaredType?.Trim() ?? string.Empty;
        var named = _profiles.Values
            .Where(p => p.Id.Equals(wanted, StringComparison.OrdinalIgnoreCase)
                || p.ArtifactTypes.Any(t => t.Equals(wanted, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return named.Count > 0 ? named : [.. _profiles.Values];
    }

    private static string ResolvePath(IOptions<ArtifactProfileOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Value.Path;
        return Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
    }

    private sealed record RegistryDocument(string RegistryVersion, double ClassificationThreshold, Dictionary<string, ProfileEntry> Profiles);

    private sealed record ProfileEntry(
        string Title, ArtifactKind Kind, List<string>? ArtifactTypes, UndeclaredTemplate? WithoutDeclaration,
        Dictionary<string, int>? Keywords, List<FieldEntry>? Fields);

    private sealed record FieldEntry(string Name, FieldKind Kind, bool Required, List<string> Labels);
}
