namespace Ingestion.Reader.Reading;

/// <summary>The document needs a filter or feature the reader does not implement.</summary>
public sealed class UnsupportedFeatureException(string feature, string message) : Exception(message)
{
    /// <summary>The filter or feature, for example <c>JBIG2Decode</c>.</summary>
    public string Feature { get; } = feature;
}
