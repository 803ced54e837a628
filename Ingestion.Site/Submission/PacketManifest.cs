namespace Ingestion.Site.Submission;

/// <summary>
/// The <c>manifest.json</c> a site puts beside its documents: the packet id and, per document, its id, TMF
/// artifact type, file and the SHA-256 the site computed. A file that no longer hashes to it is caught at validation.
/// </summary>
public sealed record PacketManifest
{
    /// <summary>The file name the submit command looks for.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The packet's id; the same id submitted twice is one packet.</summary>
    public Guid? PacketId { get; init; }

    /// <summary>The documents.</summary>
    public required IReadOnlyList<ManifestDocument> Documents { get; init; }
}
