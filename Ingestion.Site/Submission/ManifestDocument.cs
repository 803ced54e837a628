using Ingestion.Contracts;

namespace Ingestion.Site.Submission;

/// <summary>One document line of a packet manifest.</summary>
public sealed record ManifestDocument
{
    /// <summary>The site's id for the document, unique within the packet.</summary>
    public required string DocumentId { get; init; }

    /// <summary>
    /// TMF artifact number (or an artifact class such as <c>cv</c>); optional: a document without one is
    /// <see cref="ArtifactTypes.Unspecified"/> and is classified from its content.
    /// </summary>
    public string ArtifactType { get; init; } = ArtifactTypes.Unspecified;

    /// <summary>The file, relative to the manifest.</summary>
    public required string File { get; init; }

    /// <summary>The SHA-256 the site computed (lower-case hex); when absent the stored bytes' hash is taken.</summary>
    public string? Sha256 { get; init; }
}
