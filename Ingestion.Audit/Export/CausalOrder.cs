namespace Ingestion.Audit.Export;

/// <summary>
/// A document's state changes in the order they happened. The ledger appender chains a document's entries in the order
/// they were staged, but ledgers written before it (by concurrent audit consumers) need not hold them in causal order;
/// each change's from-state is the previous change's to-state, and that link is what orders them.
/// </summary>
public static class CausalOrder
{
    /// <summary>
    /// Orders <paramref name="entries"/> from the one with no from-state along from→to links (the lowest attempt first
    /// where two leave the same state); entries off that path follow in the order given. Complete when every entry is
    /// on the path. Pass state changes only: a step from a state to itself (a retried attempt) links nothing.
    /// </summary>
    public static (IReadOnlyList<T> Chain, bool Complete) Chain<T>(
        IReadOnlyList<T> entries, Func<T, string?> from, Func<T, string> to, Func<T, int> attempt)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(attempt);
        var left = entries.ToList();
        var chain = new List<T>();
        string? at = null;
        while (left.Count > 0)
        {
            var next = left.Where(e => from(e) == at).OrderBy(attempt).FirstOrDefault();
            if (next is null)
            {
                break;
            }

            chain.Add(next);
            left.Remove(next);
            at = to(next);
        }

        var complete = left.Count == 0 && chain.Count > 0;
        chain.AddRange(left);
        return (chain, complete);
    }
}
