namespace Ingestion.Reader.Protocol;

/// <summary>The failures the reader reports itself; a crash or a limit enforced from outside it cannot report.</summary>
public static class ReadFailureCodes
{
    /// <summary>No <c>%PDF-</c> header in the first 1024 bytes.</summary>
    public const string NotPdf = "NOT_PDF";

    /// <summary>The document needs a user password.</summary>
    public const string Encrypted = "ENCRYPTED";

    /// <summary>The document cannot be read, even leniently.</summary>
    public const string Malformed = "MALFORMED";

    /// <summary>The document uses a filter or feature the reader does not implement.</summary>
    public const string UnsupportedFeature = "UNSUPPORTED_FEATURE";

    /// <summary>Reading it would exceed a bound of the request (decoded stream size, words per page) or the memory limit.</summary>
    public const string ResourceLimit = "RESOURCE_LIMIT";

    /// <summary>The request itself was not understood.</summary>
    public const string BadRequest = "BAD_REQUEST";
}
