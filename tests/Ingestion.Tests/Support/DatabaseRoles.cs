using Npgsql;

namespace Ingestion.Tests.Support;

/// <summary>
/// Creates the two roles that <c>scripts/infra-up.sh</c> creates, where the database came without them: an owner that may
/// create schemas, and a fleet role that owns nothing. Safe when several test runs do it at once.
/// </summary>
internal static class DatabaseRoles
{
    public const string Owner = "ingestion_owner";
    public const string FleetRole = "ingestion_fleet";

    /// <summary>Ensures both roles exist; returns the owner's and the fleet's connection strings.</summary>
    public static async Task<(string Owner, string Fleet)> EnsureAsync(string superuserConnectionString)
    {
        var superuser = new NpgsqlConnectionStringBuilder(superuserConnectionString);
        await using (var connection = new NpgsqlConnection(superuserConnectionString))
        {
            await connection.OpenAsync();
            foreach (var role in new[] { Owner, FleetRole })
            {
                // Two runs creating the same role at once: one gets duplicate_object or unique_violation, and that is fine.
                await using var create = new NpgsqlCommand(
                    $"""
                    DO $$ BEGIN
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                            CREATE ROLE {role} LOGIN PASSWORD '{role}';
                        END IF;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                    END $$;
                    """, connection);
                await create.ExecuteNonQueryAsync();
            }

            // Granted only when missing: two concurrent GRANTs on one database can fail with "tuple concurrently updated".
            await using var grant = new NpgsqlCommand(
                $"""
                DO $$ BEGIN
                    IF NOT has_database_privilege('{Owner}', current_database(), 'CREATE') THEN
                        EXECUTE format('GRANT CREATE ON DATABASE %I TO {Owner}', current_database());
                    END IF;
                END $$;
                """, connection);
            await grant.ExecuteNonQueryAsync();
        }

        return (As(superuser, Owner), As(superuser, FleetRole));
    }

    private static string As(NpgsqlConnectionStringBuilder superuser, string role) =>
        new NpgsqlConnectionStringBuilder(superuser.ConnectionString) { Username = role, Password = role }.ConnectionString;
}
