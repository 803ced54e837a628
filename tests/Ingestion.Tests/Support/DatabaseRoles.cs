using System.Security.Cryptography;
using Npgsql;

namespace Ingestion.Tests.Support;

/// <summary>
/// Creates the three roles that <c>scripts/infra-up.sh</c> creates, where the database came without them (a container):
/// an owner that may create schemas, a fleet role that owns nothing, and the ledger appender's role. Their passwords are
/// made for the run and set on every run. Safe when several test runs do it at once.
/// </summary>
internal static class DatabaseRoles
{
    public const string Owner = "ingestion_owner";
    public const string FleetRole = "ingestion_fleet";
    public const string LedgerRole = "ingestion_ledger";

    /// <summary>Ensures the roles exist with this run's passwords; returns the owner's, the fleet's and the ledger's connection strings.</summary>
    public static async Task<(string Owner, string Fleet, string Ledger)> EnsureAsync(string superuserConnectionString)
    {
        var superuser = new NpgsqlConnectionStringBuilder(superuserConnectionString);
        var passwords = new[] { Owner, FleetRole, LedgerRole }.ToDictionary(role => role, _ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        await using (var connection = new NpgsqlConnection(superuserConnectionString))
        {
            await connection.OpenAsync();
            foreach (var (role, password) in passwords)
            {
                // Two runs creating the same role at once: one gets duplicate_object or unique_violation, and that is fine.
                await using var create = new NpgsqlCommand(
                    $"""
                    DO $$ BEGIN
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                            CREATE ROLE {role} LOGIN;
                        END IF;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                    END $$;
                    ALTER ROLE {role} PASSWORD '{password}';
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

        return (As(superuser, Owner, passwords[Owner]), As(superuser, FleetRole, passwords[FleetRole]), As(superuser, LedgerRole, passwords[LedgerRole]));
    }

    private static string As(NpgsqlConnectionStringBuilder superuser, string role, string password) =>
        new NpgsqlConnectionStringBuilder(superuser.ConnectionString) { Username = role, Password = password }.ConnectionString;
}
