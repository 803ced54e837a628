namespace Ingestion.Consumers.Templates;

/// <summary>One version of a template in the registry.</summary>
/// <param name="TemplateId">The template, for example <c>FDA-1572</c>.</param>
/// <param name="Version">The version, for example <c>2.1</c>.</param>
/// <param name="ArtifactType">The TMF artifact number the template belongs to.</param>
/// <param name="Status">Whether documents on it are accepted.</param>
/// <param name="Fields">The fields it requires, in the order they are printed.</param>
/// <param name="ReviewThreshold">A field extracted with less confidence than this sends the document to manual review.</param>
public sealed record TemplateVersion(
    string TemplateId, string Version, string ArtifactType, TemplateStatus Status, IReadOnlyList<TemplateField> Fields, double ReviewThreshold);
