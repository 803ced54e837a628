using Npgsql;

namespace Ingestion.Persistence.Database;

/// <summary>Where a schema stands, read from the catalog and <see cref="SchemaVersionTable"/> without failing on a missing one.</summary>
internal sealed record SchemaState(string Schema, bool Exists, bool Usable, int? Version, string? Fingerprint)
{
    public static async Task<SchemaState> ReadAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        bool exists, usable, hasTable;
        await using (var probe = new NpgsqlCommand(SchemaVersionTable.Exists, connection))
        {
            probe.Parameters.Add(new NpgsqlParameter { Value = schema });
            await using var reader = await probe.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (exists, usable, hasTable) = (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2));
        }

        if (!usable || !hasTable)
        {
            return new SchemaState(schema, exists, usable, null, null);
        }

        // Every connection here has the schema as its search path.
        await using var latest = new NpgsqlCommand(SchemaVersionTable.Latest, connection);
        await using (var reader = await latest.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                return new SchemaState(schema, exists, usable, reader.GetInt32(0), reader.GetString(1));
            }
        }

        return new SchemaState(schema, exists, usable, null, null);
    }

    /// <summary>Why a build that needs <paramref name="needed"/> cannot use this schema, or null if it can.</summary>
    public string? Problem(int needed) => this switch
    {
        { Exists: false } => $"schema '{Schema}' does not exist: run `ingest migrate` (as the schema's owner) first",
        { Usable: false } => $"the database role may not use schema '{Schema}': run `ingest migrate` (as the schema's owner), which grants the fleet's role its privileges",
        { Version: null } => $"schema '{Schema}' has no recorded version (it was never migrated, or by a build older than versioned schemas): run `ingest migrate`",
        { Version: var version } when version < needed => $"schema '{Schema}' is at version {version}, this build needs {needed}: run `ingest migrate`",
        _ => null,
    };
}
