namespace Ingestion.Contracts;

/// <summary>
/// The parse stage could not read the document: it crashed the contained reader, passed one of its limits, or is
/// otherwise unreadable. The rejection is final; a transient fault is retried instead and never ends here.
/// </summary>
public record DocumentParseFailed
{
    /// <summary>The document's saga.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary><c>PARSER_CRASH</c>, <c>RESOURCE_LIMIT</c>, <c>UNSUPPORTED_FEATURE</c>, <c>MALFORMED</c>, <c>ENCRYPTED</c> or <c>NOT_PDF</c>.</summary>
    public required string ErrorCode { get; init; }

    /// <summary>A reason a reviewer can read; for a limit it starts with which, for example <c>memory 512 MiB</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>The parse attempt that gave up.</summary>
    public int Attempt { get; init; }
}
