namespace Ingestion.Consumers.Artifacts;

/// <summary>How documents of one TMF artifact type are read, from the artifact profile registry.</summary>
/// <param name="Id">The artifact class, for example <c>gcp-certificate</c>; recorded as the document's <c>artifact_class</c>.</param>
/// <param name="Title">For people.</param>
/// <param name="Kind">Templated or free-form.</param>
/// <param name="ArtifactTypes">What a site may declare for it: TMF artifact numbers and the class's own names.</param>
/// <param name="WithoutDeclaration">For a templated artifact, what becomes of a document that declares no template.</param>
/// <param name="Keywords">Phrases that speak for this class, with their weights, for classifying from content.</param>
/// <param name="Fields">The fields worth having (free-form artifacts).</param>
public sealed record ArtifactProfile(
    string Id,
    string Title,
    ArtifactKind Kind,
    IReadOnlyList<string> ArtifactTypes,
    UndeclaredTemplate WithoutDeclaration,
    IReadOnlyDictionary<string, int> Keywords,
    IReadOnlyList<ProfileField> Fields);
