namespace Ingestion.Consumers.Artifacts;

/// <summary>How documents of an artifact type are read.</summary>
public enum ArtifactKind
{
    /// <summary>A form of ours: the document must declare its template and version, and the template gate decides.</summary>
    Templated,

    /// <summary>Anything a site writes or receives: text layer, then OCR, then the profile's rules, then manual review.</summary>
    FreeForm,
}
