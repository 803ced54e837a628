namespace Ingestion.Reader.Reading;

/// <summary>Reading the document would exceed one of the request's bounds.</summary>
public sealed class ResourceLimitException(string limit, string message) : Exception(message)
{
    /// <summary>Which bound, for example <c>decoded stream 64 MiB</c>.</summary>
    public string Limit { get; } = limit;
}
