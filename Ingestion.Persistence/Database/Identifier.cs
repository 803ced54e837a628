namespace Ingestion.Persistence.Database;

/// <summary>PostgreSQL identifier quoting, for names that cannot be parameters (schemas, roles, tables).</summary>
internal static class Identifier
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
