using System.Globalization;

namespace Ingestion.Qualification.Isolation;

/// <summary>
/// Names of isolated namespaces: one name is the schema and the virtual host, a plain lower-case identifier
/// (<c>iv_20261129t1130_ab12_replay1</c>) so that concurrent validations and tests never share anything.
/// </summary>
internal static class NamespaceName
{
    public static string New(string purpose)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd't'HHmmss", CultureInfo.InvariantCulture);
        var name = $"iv_{stamp}_{Guid.NewGuid():N}"[..27] + "_" + purpose.ToLowerInvariant();
        return name.Length <= 63 ? name : name[..63];
    }
}
