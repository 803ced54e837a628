namespace Ingestion.Operations.DeadLetters;

/// <summary>
/// Which dead letters an operator means: <c>key=value</c> terms that must all hold, values compared without case.
/// Keys: <c>exception</c> (full or short type name), <c>site</c>, <c>code</c> (error code), <c>message-id</c>,
/// <c>correlation-id</c>. No terms match every message.
/// </summary>
public sealed class DeadLetterFilter
{
    /// <summary>The keys a term may use.</summary>
    public static readonly IReadOnlyList<string> Keys = ["exception", "site", "code", "message-id", "correlation-id"];

    private readonly IReadOnlyList<(string Key, string Value)> _terms;

    // The messages an operator signed for, by message id and payload hash; null when the filter is not restricted to them.
    private readonly IReadOnlySet<(string? MessageId, string PayloadSha256)>? _signed;

    private DeadLetterFilter(IReadOnlyList<(string Key, string Value)> terms, IReadOnlySet<(string?, string)>? signed = null)
    {
        _terms = terms;
        _signed = signed;
    }

    /// <summary>Matches every message.</summary>
    public static DeadLetterFilter All { get; } = new([]);

    /// <summary>Parses the terms; throws <see cref="FormatException"/> naming a malformed term or an unknown key.</summary>
    public static DeadLetterFilter Parse(IEnumerable<string>? terms)
    {
        var parsed = new List<(string, string)>();
        foreach (var term in terms ?? [])
        {
            var split = term.IndexOf('=', StringComparison.Ordinal);
            var key = split > 0 ? term[..split].Trim().ToLowerInvariant() : string.Empty;
            var value = split > 0 ? term[(split + 1)..].Trim() : string.Empty;
            if (!Keys.Contains(key) || value.Length == 0)
            {
                throw new FormatException($"Filter '{term}' is not key=value with a key among {string.Join(", ", Keys)}.");
            }

            parsed.Add((key, value));
        }

        return new DeadLetterFilter(parsed);
    }

    /// <summary>
    /// This filter restricted to exactly <paramref name="letters"/> (by message id and payload SHA-256): what an operator
    /// signed for, so that a message that arrived, or changed, after the signature is left in place.
    /// </summary>
    public DeadLetterFilter Only(IEnumerable<DeadLetter> letters)
    {
        ArgumentNullException.ThrowIfNull(letters);
        return new DeadLetterFilter(_terms, letters.Select(l => (l.MessageId, l.PayloadSha256)).ToHashSet());
    }

    /// <summary>Whether every term holds for <paramref name="letter"/>.</summary>
    public bool Matches(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return (_signed is null || _signed.Contains((letter.MessageId, letter.PayloadSha256))) && _terms.All(t => t.Key switch
        {
            "exception" => Same(letter.ExceptionType, t.Value) || Same(ShortName(letter.ExceptionType), t.Value),
            "site" => Same(letter.SiteId, t.Value),
            "code" => Same(letter.ErrorCode, t.Value),
            "message-id" => Same(letter.MessageId, t.Value),
            "correlation-id" => Same(letter.CorrelationId, t.Value),
            _ => false,
        });
    }

    /// <inheritdoc />
    public override string ToString() => _terms.Count == 0 ? "all" : string.Join(" ", _terms.Select(t => $"{t.Key}={t.Value}"));

    internal static string ShortName(string typeName) => typeName[(typeName.LastIndexOf('.') + 1)..];

    private static bool Same(string? actual, string expected) => string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase);
}
