using Ingestion.Site.Submission;

namespace Ingestion.Site.Folders;

/// <summary>A packet folder's manifest and its checked files, in manifest order.</summary>
/// <param name="Manifest">The manifest (or the one made of every file when the folder has none).</param>
/// <param name="Files">One checked file per manifest line.</param>
public sealed record PacketFolderContents(PacketManifest Manifest, IReadOnlyList<PacketFile> Files);
