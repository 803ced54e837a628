namespace Ingestion.Contracts;

/// <summary>Values of <see cref="SubmittedDocument.ArtifactType"/> and of a free-form document's template that are not a TMF number.</summary>
public static class ArtifactTypes
{
    /// <summary>The site declared no artifact type (a manifest without <c>artifactType</c>, or a folder without a manifest): classified from its content.</summary>
    public const string Unspecified = "UNSPECIFIED";

    /// <summary>
    /// The template of a document that declares none and is read by its artifact profile; its schema version is the
    /// artifact profile registry's version.
    /// </summary>
    public const string FreeFormTemplate = "FREE-FORM";
}
