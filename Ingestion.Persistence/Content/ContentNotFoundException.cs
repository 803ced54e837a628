namespace Ingestion.Persistence.Content;

/// <summary>A content reference that names nothing in the store, or is not a reference at all.</summary>
public sealed class ContentNotFoundException(string reference)
    : Exception($"No content is stored under '{reference}'.")
{
    /// <summary>The reference that was asked for.</summary>
    public string Reference { get; } = reference;
}
