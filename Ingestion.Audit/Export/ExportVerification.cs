namespace Ingestion.Audit.Export;

/// <summary>The outcome of verifying an export offline.</summary>
/// <param name="Entries">Entries that verified before the first problem (all of them when there is none).</param>
/// <param name="Segments">Segment files read.</param>
/// <param name="HeadHash">The entry hash of the last entry that verified (hex).</param>
/// <param name="CheckpointSize">The tree size of the checkpoint that was checked, 0 if none was reached.</param>
/// <param name="Problem">What fails first, naming the segment or seq; null when the export verifies.</param>
public sealed record ExportVerification(long Entries, int Segments, string HeadHash, long CheckpointSize, string? Problem)
{
    /// <summary>True when nothing failed.</summary>
    public bool Verifies => Problem is null;
}
