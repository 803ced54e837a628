namespace Ingestion.Gateway.Content;

/// <summary>An upload passed the file-size limit while it was streaming.</summary>
internal sealed class FileTooLargeException() : Exception("The upload is larger than the file-size limit.");
