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

    /// <summary>The PDF needs a user password to open (a PDF with an owner password only is read, its restrictions noted).</summary>
    public const string Encrypted = "ENCRYPTED";

    /// <summary>The file is not a PDF, whatever its name.</summary>
    public const string NotPdf = "NOT_PDF";

    /// <summary>The document has no bytes at all.</summary>
    public const string Empty = "EMPTY";

    /// <summary>The content store holds nothing under the document's reference.</summary>
    public const string ContentMissing = "CONTENT_MISSING";

    /// <summary>
    /// The contained reader died reading the document (a stack overflow, a signal), or the worker reading it stopped
    /// without an answer more often than <c>Ingestion:Reader:MaxAttempts</c> allows.
    /// </summary>
    public const string ParserCrash = "PARSER_CRASH";

    /// <summary>
    /// Reading the document passed one of the limits of <c>Ingestion:Reader</c>; the reason starts with which, for
    /// example <c>memory 512 MiB</c>, <c>time 60 s</c>, <c>cpu 30 s</c>, <c>output 8 MiB</c>, <c>decoded stream 64 MiB</c>.
    /// </summary>
    public const string ResourceLimit = "RESOURCE_LIMIT";

    /// <summary>The document needs a filter or feature the reader does not implement; the reason starts with which, for example <c>JBIG2Decode</c>.</summary>
    public const string UnsupportedFeature = "UNSUPPORTED_FEATURE";
}
