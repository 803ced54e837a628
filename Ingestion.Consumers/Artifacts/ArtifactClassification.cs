namespace Ingestion.Consumers.Artifacts;

/// <summary>What a document was taken for, and how sure of it the fleet is.</summary>
/// <param name="Profile">The class's profile.</param>
/// <param name="Confidence">0 to 1; 1 when the site declared a type that names one profile.</param>
/// <param name="Declared">Whether the site's declared type decided it, rather than the content.</param>
public sealed record ArtifactClassification(ArtifactProfile Profile, double Confidence, bool Declared);
