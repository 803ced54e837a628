namespace Ingestion.Site.Submission;

/// <summary>A packet folder that cannot be submitted; nothing was published.</summary>
public sealed class InvalidPacketFolderException(string message) : Exception(message);
