namespace Ingestion.Consumers.Validation;

/// <summary>The validation gate's documented rejection codes.</summary>
public static class RejectionCodes
{
    /// <summary>The stored bytes do not hash to the SHA-256 the site declared.</summary>
    public const string HashMismatch = "HASH_MISMATCH";

    /// <summary>The template version is deprecated or retired.</summary>
    public const string SchemaDeprecated = "SCHEMA_DEPRECATED";

    /// <summary>The template, or this version of it, is not in the registry.</summary>
    public const string SchemaUnknown = "SCHEMA_UNKNOWN";

    /// <summary>The document cannot be read: no template declaration, or a broken one.</summary>
    public const string Malformed = "MALFORMED";

    /// <summary>The PDF is encrypted.</summary>
    public const string Encrypted = "ENCRYPTED";

    /// <summary>The file is not a PDF, whatever its name.</summary>
    public const string NotPdf = "NOT_PDF";

    /// <summary>The document has no bytes at all.</summary>
    public const string Empty = "EMPTY";

    /// <summary>The content store holds nothing under the document's reference.</summary>
    public const string ContentMissing = "CONTENT_MISSING";
}
