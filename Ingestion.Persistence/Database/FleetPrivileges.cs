using Npgsql;

namespace Ingestion.Persistence.Database;

/// <summary>
/// What the fleet's role may do in its schema, set afresh after every migration so that a table another component
/// adds is covered without knowing about roles: read and write every table, but only SELECT and INSERT on tables
/// that <see cref="AppendOnlyTable"/> made append-only (found by its <c>{table}_append_only</c> trigger), and no DELETE
/// on tables whose rows are kept for ever though they change (found by a <c>{table}_no_delete</c> trigger: accounts).
/// TRUNCATE, ALTER and DDL are never granted.
/// </summary>
internal static class FleetPrivileges
{
    public static async Task GrantAsync(NpgsqlConnection connection, string schema, string? role, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(role))
        {
            throw new InvalidOperationException(
                "Ingestion:Database:ConnectionString names no Username; the schema owner cannot grant an unnamed role its privileges.");
        }

        var tables = new List<(string Name, bool AppendOnly, bool NoDelete)>();
        await using (var query = new NpgsqlCommand(
            """
            SELECT c.relname,
                   EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = c.relname || '_append_only'),
                   EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = c.relname || '_no_delete')
            FROM pg_class c
            WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p')
            ORDER BY c.relname
            """, connection))
        {
            query.Parameters.Add(new NpgsqlParameter { Value = schema });
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2)));
            }
        }

        var grantee = Identifier.Quote(role);
        var statements = new List<string> { $"GRANT USAGE ON SCHEMA {Identifier.Quote(schema)} TO {grantee}" };
        foreach (var (name, appendOnly, noDelete) in tables)
        {
            var table = $"{Identifier.Quote(schema)}.{Identifier.Quote(name)}";
            // Revoked first so that a table that became append-only loses the UPDATE and DELETE it had.
            statements.Add($"REVOKE ALL ON {table} FROM {grantee}");
            var privileges = appendOnly ? "SELECT, INSERT" : noDelete ? "SELECT, INSERT, UPDATE" : "SELECT, INSERT, UPDATE, DELETE";
            statements.Add($"GRANT {privileges} ON {table} TO {grantee}");
        }

        statements.Add($"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {Identifier.Quote(schema)} TO {grantee}");
        await using var grant = new NpgsqlCommand(string.Join(";\n", statements), connection);
        await grant.ExecuteNonQueryAsync(cancellationToken);
    }
}
