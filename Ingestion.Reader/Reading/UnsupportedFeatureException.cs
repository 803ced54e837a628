namespace Ingestion.Reader.Reading;

/// <summary>The document needs a filter or feature the reader does not implement.</summary>
internal sealed class UnsupportedFeatureException(string feature, string message) : Exception(message)
{
    public string Feature { get; } = feature;
}
