namespace Ingestion.Audit.Export;

/// <summary>What one export run wrote.</summary>
/// <param name="Appended">Entries appended by this run.</param>
/// <param name="Entries">Entries in the export after it.</param>
/// <param name="ClosedSegments">Closed (read-only) segments after it.</param>
/// <param name="NewlyClosed">Segments this run closed.</param>
/// <param name="CheckpointFile">The checkpoint file written.</param>
public sealed record ExportResult(long Appended, long Entries, int ClosedSegments, int NewlyClosed, string CheckpointFile);
