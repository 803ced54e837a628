namespace Ingestion.Consumers.Reading;

/// <summary>
/// Limits of the contained reader, bound from <c>Ingestion:Reader</c>: PDF reading (the <c>ingest-reader</c> child
/// process) and OCR (<c>pdftoppm</c>, <c>tesseract</c>) run outside the worker's process, each document within these.
/// </summary>
public sealed class ReaderOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Reader";

    /// <summary>Wall-clock seconds one document's read (or one OCR'd page) may take before its process is killed.</summary>
    public double WallTimeSeconds { get; set; } = 60;

    /// <summary>CPU seconds one document's read (or one OCR tool run) may use.</summary>
    public double CpuSeconds { get; set; } = 30;

    /// <summary>Memory of one reader process (its GC heap; the resident-size guard adds <see cref="RuntimeOverheadMiB"/>).</summary>
    public int MemoryMiB { get; set; } = 512;

    /// <summary>What the .NET runtime itself needs beside the heap, allowed on top of <see cref="MemoryMiB"/> before the resident-size guard kills.</summary>
    public int RuntimeOverheadMiB { get; set; } = 256;

    /// <summary>Address space of one OCR tool run (RLIMIT_AS).</summary>
    public int OcrMemoryMiB { get; set; } = 1024;

    /// <summary>Bytes of one response read from a reader at most; more is a resource limit.</summary>
    public int MaxOutputBytes { get; set; } = 8 << 20;

    /// <summary>Largest file an OCR tool may write (RLIMIT_FSIZE), MiB: the rendered page image.</summary>
    public int MaxFileMiB { get; set; } = 256;

    /// <summary>Largest page image OCR renders, in megapixels at the OCR resolution; a larger page is a resource limit, not rendered.</summary>
    public double MaxOcrMegapixels { get; set; } = 150;

    /// <summary>MiB one PDF stream may decode to (a Flate bomb stops here).</summary>
    public int MaxDecodedStreamMiB { get; set; } = 64;

    /// <summary>Words of one page grouped into lines at most.</summary>
    public int MaxWordsPerPage { get; set; } = 50_000;

    /// <summary>Lines of one page kept at most.</summary>
    public int MaxLinesPerPage { get; set; } = 2_000;

    /// <summary>Characters of one line kept at most (PDF text layer and text documents alike).</summary>
    public int MaxLineChars { get; set; } = 2_000;

    /// <summary>Pages of one document whose text is read at most; fields beyond them go to manual review.</summary>
    public int MaxPages { get; set; } = 100;

    /// <summary>Pages read per request to a reader while parsing; parsing stops asking once it has every field.</summary>
    public int PageBatch { get; set; } = 8;

    /// <summary>Long-lived reader processes per worker process, started on demand.</summary>
    public int PoolSize { get; set; } = 2;

    /// <summary>Documents one reader process reads before it is replaced (any failure replaces it at once).</summary>
    public int RecycleAfterDocuments { get; set; } = 100;

    /// <summary>
    /// Attempts at reading one document in one stage, counted durably across worker processes: a document whose reading
    /// crashed or hit a limit this many times is rejected with what happened.
    /// </summary>
    public int MaxAttempts { get; set; } = 2;

    /// <summary>The user the reader and the OCR tools run as when the worker runs as root; empty keeps root (not advised).</summary>
    public string RunAsUser { get; set; } = "nobody";

    /// <summary>Run the reader and the OCR tools in a network namespace of their own, with no interface but loopback.</summary>
    public bool IsolateNetwork { get; set; } = true;

    /// <summary>The reader's assembly; empty means <c>ingest-reader.dll</c> beside the worker's own.</summary>
    public string ReaderPath { get; set; } = string.Empty;

    /// <summary>Where each document gets a private folder while it is read; empty means the system's temporary folder.</summary>
    public string WorkFolder { get; set; } = string.Empty;
}
