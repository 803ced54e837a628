using Ingestion.Hosting;
using Ingestion.Tests.Support;
using Npgsql;

namespace Ingestion.Tests.Audit;

/// <summary>
/// Issue 13's database credentials: the private cluster lets nobody in without a password (scram-sha-256 in every
/// pg_hba.conf rule, no trust), and a worker the harness starts holds neither the schema owner's nor the superuser's
/// credentials, only its own roles'.
/// </summary>
[TestFixture]
public sealed class DatabaseCredentialTests
{
    [Test]
    public async Task Every_rule_of_the_clusters_pg_hba_conf_asks_for_a_scram_sha_256_password_and_none_trusts()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var rules = new NpgsqlCommand("SELECT line_number, type, auth_method, coalesce(error, '') FROM pg_hba_file_rules", connection);
        var methods = new List<string>();
        await using (var reader = await rules.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                Assert.That(reader.GetString(3), Is.Empty, $"pg_hba.conf line {reader.GetInt32(0)}");
                methods.Add($"{reader.GetString(1)} {reader.GetString(2)}");
            }
        }

        Assert.That(methods, Is.Not.Empty.And.All.EndsWith(" scram-sha-256"), string.Join(", ", methods));
        Assert.That(methods, Has.Some.StartsWith("local "), "the socket too");
    }

    [TestCase("fleet")]
    [TestCase("ledger")]
    [TestCase("owner")]
    [TestCase("superuser")]
    public void Connecting_without_a_password_is_refused(string role)
    {
        var connectionString = role switch
        {
            "fleet" => TestEnvironment.DatabaseConnectionString,
            "ledger" => TestEnvironment.LedgerConnectionString,
            "owner" => TestEnvironment.OwnerConnectionString,
            _ => TestEnvironment.SuperuserConnectionString,
        };
        var empty = Path.GetTempFileName();
        try
        {
            // No password, and an empty passfile so that none is found elsewhere: the server must ask, and refuse.
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Password = null, Passfile = empty, Pooling = false };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            var refused = Assert.Throws<NpgsqlException>(connection.Open);
            Assert.That(refused!.Message, Does.Contain("password"), refused.ToString());

            var wrong = new NpgsqlConnectionStringBuilder(connectionString) { Password = "not-the-password", Pooling = false };
            using var guessed = new NpgsqlConnection(wrong.ConnectionString);
            var denied = Assert.Throws<PostgresException>(guessed.Open);
            Assert.That(denied!.SqlState, Is.EqualTo(PostgresErrorCodes.InvalidPassword), denied.MessageText);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Test]
    public async Task A_worker_started_by_the_harness_holds_no_owner_or_superuser_credentials_in_its_environment()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None);
        var worker = await fleet.StartWorkerAsync("credentials-worker");
        var environment = (await File.ReadAllTextAsync($"/proc/{worker.ProcessId}/environ"))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(variable => variable.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : string.Empty);
        var owner = new NpgsqlConnectionStringBuilder(TestEnvironment.OwnerConnectionString);
        var superuser = new NpgsqlConnectionStringBuilder(TestEnvironment.SuperuserConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(
                environment.Keys,
                Has.None.EqualTo("Ingestion__Database__OwnerConnectionString").And.None.EqualTo("INGESTION_PG_SUPERUSER")
                    .And.None.EqualTo("PGPASSWORD").And.None.EqualTo("PGPASSFILE"));
            Assert.That(environment.Values, Has.None.Contains(owner.Password!).And.None.Contains(superuser.Password!), "no owner or superuser password anywhere");
            Assert.That(environment.Values, Has.None.Contains($"Username={owner.Username}").And.None.Contains($"Username={superuser.Username}"));
            Assert.That(environment["Ingestion__Database__ConnectionString"], Does.Contain($"Username={DatabaseRoles.FleetRole}"));
            Assert.That(environment["Ingestion__Database__LedgerConnectionString"], Does.Contain($"Username={DatabaseRoles.LedgerRole}"), "an audit worker chains and signs");
        });
    }
}
