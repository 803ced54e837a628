namespace Ingestion.Site.Rules;

/// <summary>The codes a refused submission carries, at the gateway and at intake.</summary>
public static class RefusalCodes
{
    /// <summary>No valid site credential: missing, unknown, rotated or of a disabled site.</summary>
    public const string Unauthenticated = "UNAUTHENTICATED";

    /// <summary>The manifest or message names a site other than the authenticated one.</summary>
    public const string SiteMismatch = "SITE_MISMATCH";

    /// <summary>The packet id is already used by another site.</summary>
    public const string PacketIdTaken = "PACKET_ID_TAKEN";

    /// <summary>The packet id was already submitted by this site with other documents, hashes or content.</summary>
    public const string PacketChanged = "PACKET_CHANGED";

    /// <summary>A document refers to content this site did not upload.</summary>
    public const string ContentNotOwned = "CONTENT_NOT_OWNED";

    /// <summary>A document's declared size is not the size of the content it refers to.</summary>
    public const string SizeMismatch = "SIZE_MISMATCH";

    /// <summary>More documents than <see cref="IntakeLimits.MaxDocumentsPerPacket"/>.</summary>
    public const string TooManyDocuments = "TOO_MANY_DOCUMENTS";

    /// <summary>A file larger than <see cref="IntakeLimits.MaxFileBytes"/>.</summary>
    public const string FileTooLarge = "FILE_TOO_LARGE";

    /// <summary>A manifest larger than <see cref="IntakeLimits.MaxManifestBytes"/>, or not a manifest at all.</summary>
    public const string InvalidManifest = "INVALID_MANIFEST";

    /// <summary>A declared SHA-256 that is not exactly 64 hexadecimal digits.</summary>
    public const string InvalidHash = "INVALID_HASH";

    /// <summary>An id or name that is empty, too long, or holds a control, format (bidi, zero-width) or separator character.</summary>
    public const string InvalidText = "INVALID_TEXT";

    /// <summary>A packet with no documents, an empty packet id, or the same document id twice.</summary>
    public const string InvalidPacket = "INVALID_PACKET";

    /// <summary>A content reference that is not <c>sha256:</c> and 64 lower-case hexadecimal digits.</summary>
    public const string InvalidReference = "INVALID_REFERENCE";

    /// <summary>Intake: a packet message that the gateway never recorded, or that differs from what it recorded.</summary>
    public const string NotRecorded = "NOT_RECORDED";
}
