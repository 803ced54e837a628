namespace Ingestion.Reader.Protocol;

/// <summary>One document to read: a line of JSON on the reader's standard input.</summary>
public sealed record ReadRequest
{
    /// <summary>The file to read, a full path the reader may open.</summary>
    public required string Path { get; init; }

    /// <summary>The first page whose text is wanted, counted from 1.</summary>
    public int FirstPage { get; init; } = 1;

    /// <summary>The last page whose text is wanted; 0 reads no page (document information only).</summary>
    public int LastPage { get; init; }

    /// <summary>
    /// Keys of the document information dictionary that, when all present and non-empty, make the page text
    /// unnecessary: the pages are then not read at all.
    /// </summary>
    public IReadOnlyList<string> SkipPagesWhenInformationHas { get; init; } = [];

    /// <summary>The bounds of this read.</summary>
    public ReadLimits Limits { get; init; } = new();
}
