using Ingestion.Site.Submission;

namespace Ingestion.Site.Folders;

/// <summary>A manifest line and the checked regular file inside the packet folder that it names.</summary>
/// <param name="Entry">The manifest line.</param>
/// <param name="FullPath">The file's full path.</param>
public sealed record PacketFile(ManifestDocument Entry, string FullPath);
