namespace Ingestion.Contracts;

/// <summary>The validation gate refused the document; the rejection is final.</summary>
public record DocumentValidationFailed
{
    /// <summary>The document's saga.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>
    /// One of the documented codes: <c>HASH_MISMATCH</c>, <c>SCHEMA_DEPRECATED</c>, <c>SCHEMA_UNKNOWN</c>, <c>MALFORMED</c>,
    /// <c>ENCRYPTED</c>, <c>NOT_PDF</c>, <c>EMPTY</c>, <c>CONTENT_MISSING</c>, <c>PARSER_CRASH</c>, <c>RESOURCE_LIMIT</c>,
    /// <c>UNSUPPORTED_FEATURE</c>.
    /// </summary>
    public required string ErrorCode { get; init; }

    /// <summary>A reason a reviewer can read.</summary>
    public required string Reason { get; init; }

    /// <summary>The template the document declares, when it could be read.</summary>
    public string? TemplateId { get; init; }

    /// <summary>The template version the document declares, when it could be read.</summary>
    public string? SchemaVersion { get; init; }
}
