namespace Ingestion.Persistence.Database;

/// <summary>
/// The migrator's own record: one row per migration that changed the schema, append-only like the ledger, so the
/// schema's history (which version, which DDL, when, by whom) stays readable.
/// </summary>
internal static class SchemaVersionTable
{
    public const string Name = "schema_version";

    public static readonly string Sql = $"""
        CREATE TABLE IF NOT EXISTS {Name} (
            version integer NOT NULL,
            scripts_sha256 text NOT NULL,
            migrated_at timestamptz NOT NULL DEFAULT now(),
            migrated_by text NOT NULL DEFAULT current_user
        );
        """ + "\n" + AppendOnlyTable.Sql(Name, refuseTruncate: true);

    /// <summary>The schema's version and the fingerprint it was last migrated with, or no row.</summary>
    public const string Latest = $"SELECT version, scripts_sha256 FROM {Name} ORDER BY version DESC, migrated_at DESC LIMIT 1";

    /// <summary>Whether the schema exists, the caller may use it, and it has the table: nothing fails on a missing schema.</summary>
    public const string Exists = $"""
        SELECT n.oid IS NOT NULL,
               n.oid IS NOT NULL AND has_schema_privilege(n.oid, 'USAGE'),
               EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid AND c.relname = '{Name}')
        FROM (SELECT (SELECT oid FROM pg_namespace WHERE nspname = $1) AS oid) n
        """;
}
