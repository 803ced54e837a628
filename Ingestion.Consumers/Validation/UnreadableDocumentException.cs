namespace Ingestion.Consumers.Validation;

/// <summary>The document cannot be read as a site activation document; a permanent rejection.</summary>
public sealed class UnreadableDocumentException(string errorCode, string reason) : Exception(reason)
{
    /// <summary>The rejection code, for example <c>MALFORMED</c>.</summary>
    public string ErrorCode { get; } = errorCode;
}
