namespace Ingestion.Contracts;

/// <summary>One document of a submitted packet.</summary>
public record SubmittedDocument
{
    /// <summary>The document's id within its packet (the site's own name for it).</summary>
    public required string DocumentId { get; init; }

    /// <summary>TMF Reference Model artifact number, for example <c>05.02.08</c> for Form FDA 1572.</summary>
    public required string ArtifactType { get; init; }

    /// <summary>The file name as the site sent it.</summary>
    public required string FileName { get; init; }

    /// <summary>Size of the stored content in bytes.</summary>
    public required long SizeBytes { get; init; }

    /// <summary>The SHA-256 (lower-case hex) the site declared for the document.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Where the bytes are: a content-store reference such as <c>sha256:ab12…</c>.</summary>
    public required string ContentReference { get; init; }
}
