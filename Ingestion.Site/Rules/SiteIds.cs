using System.Text.RegularExpressions;

namespace Ingestion.Site.Rules;

/// <summary>
/// Site ids are issued by operators (<c>ingest sites add</c>), never chosen per message: 2 to 32 upper-case letters,
/// digits and inner hyphens, for example <c>US-BOS-001</c>. Being plain ASCII, they are safe in paths, file names,
/// metrics labels and terminals.
/// </summary>
public static partial class SiteIds
{
    /// <summary>Whether <paramref name="siteId"/> is a well-formed site id.</summary>
    public static bool IsValid(string? siteId) => siteId is not null && Pattern().IsMatch(siteId);

    [GeneratedRegex("^[A-Z0-9](?:[A-Z0-9-]{0,30}[A-Z0-9])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
