namespace Ingestion.Consumers.Artifacts;

/// <summary>Where the artifact profile registry is and how sure a classification must be: bound from <c>Ingestion:Artifacts</c>.</summary>
public sealed class ArtifactProfileOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Artifacts";

    /// <summary>The registry file; relative paths are resolved against the application's folder.</summary>
    public string Path { get; set; } = "config/artifact-profiles.json";

    /// <summary>Overrides the registry's own <c>classificationThreshold</c> when set: below it, a classified document waits for a reviewer.</summary>
    public double? ClassificationThreshold { get; set; }

    /// <summary>Pages of a free-form document read for its class and fields at most (OCR'd pages count).</summary>
    public int MaxPages { get; set; } = 5;
}
