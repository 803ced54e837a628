namespace Ingestion.Persistence.Database;

/// <summary>
/// DDL that makes a table append-only for everyone, its owner included: triggers refuse UPDATE and DELETE (and, when
/// asked, TRUNCATE). An owner can still disable them; what such a table holds must be verifiable by other means.
/// </summary>
public static class AppendOnlyTable
{
    /// <summary>Idempotent DDL: function <c>{table}_refuse_change</c>, triggers <c>{table}_append_only</c> and <c>{table}_no_truncate</c>.</summary>
    public static string Sql(string table, bool refuseTruncate = false)
    {
        var truncate = refuseTruncate
            ? $"""

              DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};
              CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
                  FOR EACH STATEMENT EXECUTE FUNCTION {table}_refuse_change();
              """
            : string.Empty;
        return $"""
            CREATE OR REPLACE FUNCTION {table}_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{table} is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$;
            DROP TRIGGER IF EXISTS {table}_append_only ON {table};
            CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION {table}_refuse_change();
            """ + truncate;
    }
}
