namespace Ingestion.Reader.Protocol;

/// <summary>What the reader itself refuses to exceed; time, CPU and memory are bounded from outside.</summary>
public sealed record ReadLimits
{
    /// <summary>Bytes one decoded stream may inflate to (a Flate bomb stops here).</summary>
    public long MaxDecodedStreamBytes { get; init; } = 64L << 20;

    /// <summary>Words on one page that are grouped into lines at most; more is a resource limit.</summary>
    public int MaxWordsPerPage { get; init; } = 50_000;

    /// <summary>Lines returned per page at most; the rest of the page is dropped and the page marked truncated.</summary>
    public int MaxLinesPerPage { get; init; } = 2_000;

    /// <summary>Characters of one line returned at most; a longer line is cut and the page marked truncated.</summary>
    public int MaxLineChars { get; init; } = 2_000;
}
