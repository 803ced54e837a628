namespace Ingestion.Consumers.Templates;

/// <summary>Where the template registry is: bound from <c>Ingestion:Templates</c>.</summary>
public sealed class TemplateRegistryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Templates";

    /// <summary>The registry file; relative paths are resolved against the application's folder.</summary>
    public string Path { get; set; } = "config/template-registry.json";
}
