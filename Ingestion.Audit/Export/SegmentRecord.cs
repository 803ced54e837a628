namespace Ingestion.Audit.Export;

/// <summary>One line of <c>segments.jsonl</c>: a closed segment, its SHA-256 and the previous closed segment's SHA-256.</summary>
public sealed record SegmentRecord
{
    /// <summary>The segment's file name, e.g. <c>segment-000001.jsonl</c>.</summary>
    public required string File { get; init; }

    /// <summary>The seq of its first entry.</summary>
    public required long FirstSeq { get; init; }

    /// <summary>The seq of its last entry.</summary>
    public required long LastSeq { get; init; }

    /// <summary>SHA-256 of the file (hex).</summary>
    public required string Sha256 { get; init; }

    /// <summary>SHA-256 of the previous closed segment (hex), 64 zeros for the first.</summary>
    public required string PreviousSha256 { get; init; }
}
