using Npgsql;

namespace Ingestion.Persistence.Database;

/// <summary>
/// What the fleet's role may do in its schema, set afresh after every migration so that a table another component
/// adds is covered without knowing about roles: read and write every table, but only SELECT and INSERT on tables
/// that <see cref="AppendOnlyTable"/> made append-only (found by its <c>{table}_append_only</c> trigger), and no DELETE
/// on tables whose rows are kept for ever though they change (found by a <c>{table}_no_delete</c> trigger: accounts).
/// With a ledger appender's role, the <see cref="LedgerWrittenTable"/>s get the privileges they name instead: the fleet
/// reads the ledger and stages entries, and only the appender's role adds to the ledger and its checkpoints.
/// TRUNCATE, ALTER and DDL are never granted.
/// </summary>
internal static class FleetPrivileges
{
    public static async Task GrantAsync(
        NpgsqlConnection connection,
        string schema,
        string? role,
        string? ledgerRole,
        IReadOnlyCollection<LedgerWrittenTable> ledgerTables,
        CancellationToken cancellationToken)
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

        var appender = string.IsNullOrWhiteSpace(ledgerRole) || ledgerRole == role ? null : Identifier.Quote(ledgerRole);
        var ledgerWritten = appender is null ? [] : ledgerTables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var grantee = Identifier.Quote(role);
        var quotedSchema = Identifier.Quote(schema);
        var statements = new List<string> { $"GRANT USAGE ON SCHEMA {quotedSchema} TO {grantee}" };
        if (appender is not null)
        {
            statements.Add($"GRANT USAGE ON SCHEMA {quotedSchema} TO {appender}");
        }

        foreach (var (name, appendOnly, noDelete) in tables)
        {
            var table = $"{quotedSchema}.{Identifier.Quote(name)}";
            // Revoked first so that a table that became append-only (or ledger-written) loses what it had.
            statements.Add($"REVOKE ALL ON {table} FROM {grantee}");
            if (appender is not null)
            {
                statements.Add($"REVOKE ALL ON {table} FROM {appender}");
            }

            if (ledgerWritten.TryGetValue(name, out var written))
            {
                statements.Add($"GRANT {written.FleetPrivileges} ON {table} TO {grantee}");
                statements.Add($"GRANT {written.AppenderPrivileges} ON {table} TO {appender}");
                continue;
            }

            var privileges = appendOnly ? "SELECT, INSERT" : noDelete ? "SELECT, INSERT, UPDATE" : "SELECT, INSERT, UPDATE, DELETE";
            statements.Add($"GRANT {privileges} ON {table} TO {grantee}");
        }

        statements.Add($"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {quotedSchema} TO {grantee}");
        await using var grant = new NpgsqlCommand(string.Join(";\n", statements), connection);
        await grant.ExecuteNonQueryAsync(cancellationToken);
    }
}
