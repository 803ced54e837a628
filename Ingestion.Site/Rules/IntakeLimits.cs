namespace Ingestion.Site.Rules;

/// <summary>
/// What one submission may hold: bound from <c>Ingestion:Intake</c>. The gateway enforces these before it records a
/// packet, intake checks them again on every message, and <c>ingest submit</c> asks the gateway for them and checks
/// them before it sends anything.
/// </summary>
public sealed record IntakeLimits
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Intake";

    /// <summary>Documents in one packet.</summary>
    public int MaxDocumentsPerPacket { get; set; } = 200;

    /// <summary>Bytes in one document; an upload is cut off as soon as it passes this.</summary>
    public long MaxFileBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Characters (UTF-16 code units) in a document id, study id, artifact type or submitter name.</summary>
    public int MaxIdLength { get; set; } = 128;

    /// <summary>Characters (UTF-16 code units) in a file name.</summary>
    public int MaxFileNameLength { get; set; } = 255;

    /// <summary>Bytes in one packet manifest sent to the gateway.</summary>
    public int MaxManifestBytes { get; set; } = 1024 * 1024;
}
