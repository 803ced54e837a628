using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Ingestion.Reader.Reading;

/// <summary>
/// PdfPig's filters, each behind a guard: an unsupported one fails with its name, and no stream may decode to more than
/// the request allows. PdfPig 0.1.16 inflates Flate data into one unbounded buffer (SECURITY-REVIEW M4), so a Flate
/// stream's size is counted before PdfPig decodes it.
/// </summary>
internal sealed class GuardedFilterProvider(long maxDecodedBytes) : IFilterProvider
{
    private readonly IFilterProvider _inner = DefaultFilterProvider.Instance;

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        var names = FilterNames(dictionary);
        var filters = _inner.GetFilters(dictionary);
        return filters.Select((f, i) => Guard(i < names.Count ? names[i] : f.GetType().Name, f)).ToList();
    }

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var filters = _inner.GetNamedFilters(names);
        return filters.Select((f, i) => Guard(i < names.Count ? names[i].Data : f.GetType().Name, f)).ToList();
    }

    public IReadOnlyList<IFilter> GetAllFilters() => _inner.GetAllFilters().Select(f => Guard(f.GetType().Name, f)).ToList();

    private GuardedFilter Guard(string name, IFilter filter) => new(name, filter, maxDecodedBytes);

    private static List<string> FilterNames(DictionaryToken dictionary)
    {
        if (!dictionary.TryGet(NameToken.Filter, out var token) && !dictionary.TryGet(NameToken.F, out token))
        {
            return [];
        }

        return token switch
        {
            NameToken name => [name.Data],
            ArrayToken array => array.Data.OfType<NameToken>().Select(n => n.Data).ToList(),
            _ => [],
        };
    }
}
