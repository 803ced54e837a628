namespace Ingestion.Reader.Protocol;

/// <summary>What the reader found: a line of JSON on its standard output, either a document or a failure.</summary>
public sealed record ReadResponse
{
    /// <summary>Set when the document could not be read; everything else is then empty.</summary>
    public ReadFailure? Failure { get; init; }

    /// <summary>Where the <c>%PDF-</c> header starts: 0 for a well-formed file, up to 1023 for junk before it.</summary>
    public int HeaderOffset { get; init; }

    /// <summary>Whether the cross-reference data was broken and rebuilt by the lenient parser.</summary>
    public bool Repaired { get; init; }

    /// <summary>The number of pages.</summary>
    public int PageCount { get; init; }

    /// <summary>Text entries of the document information dictionary.</summary>
    public IReadOnlyDictionary<string, string> Information { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// For a document encrypted with an empty user password (owner password only): what its permissions deny,
    /// for example <c>printing, copying</c>; <c>none</c> if nothing; null for a document that is not encrypted.
    /// </summary>
    public string? PermissionRestrictions { get; init; }

    /// <summary>The pages read, in order.</summary>
    public IReadOnlyList<PageText> Pages { get; init; } = [];
}
