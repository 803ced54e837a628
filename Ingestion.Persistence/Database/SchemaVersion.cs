using System.Security.Cryptography;
using System.Text;

namespace Ingestion.Persistence.Database;

/// <summary>
/// The schema version this build needs. Raise <see cref="Current"/> whenever a component's <see cref="ISchemaScript"/>
/// changes (a test holds the scripts' fingerprint to the version): workers and commands refuse a schema migrated to an
/// older version, and <c>ingest migrate</c> records the version it applied.
/// </summary>
public static class SchemaVersion
{
    /// <summary>The version this build's scripts create.</summary>
    public const int Current = 3;

    /// <summary>SHA-256 (lower-case hex) of the scripts in the order they run: which exact DDL a version stands for.</summary>
    public static string Fingerprint(IEnumerable<ISchemaScript> scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        var text = new StringBuilder();
        foreach (var script in scripts.OrderBy(s => s.Order))
        {
            // Line endings normalised, so that a checkout with CRLF gives the same fingerprint.
            text.Append(script.Order).Append('\n').Append(script.Sql.ReplaceLineEndings("\n")).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
