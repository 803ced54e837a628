using System.Security.Cryptography;
using Ingestion.Audit.Checkpoints;
using Ingestion.Hosting;
using Ingestion.Lab.Ledger;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Audit;

/// <summary>
/// Issue 13's attacks on the ledger through the database: the fleet's role may not add to the ledger nor its checkpoints
/// (only the ledger appender's role may), and a checkpoint row forged with a stolen higher credential is reported as
/// tampering by <c>audit verify</c> while <c>prove</c> keeps proving from the last checkpoint that verifies, with the
/// public key alone. The ledgers are synthetic (<see cref="LedgerBenchmark.FillAsync"/>), written as the appender's role.
/// </summary>
[TestFixture]
public sealed class LedgerRoleTests
{
    private string _folder = null!;

    private string KeyPath => Path.Combine(_folder, "keys", "ledger-signing.pem");

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("ingestion-ledger-role-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static readonly (string Table, string Sql)[] FleetWrites =
    [
        ("audit_ledger",
            """
            INSERT INTO audit_ledger (seq, event_id, occurred_at, recorded_at, actor_worker_id, actor_host, actor_process_id, action,
                correlation_id, packet_id, site_id, document_sha256, to_state, outcome, attempt, previous_hash, entry_hash)
            VALUES (11, gen_random_uuid(), now(), now(), 'forger', 'forger', 1, 'ARCHIVE', gen_random_uuid(), gen_random_uuid(),
                'SITE-001', '', 'ARCHIVED', 'SUCCEEDED', 1, '\x00', '\x00')
            """),
        ("audit_checkpoints",
            "INSERT INTO audit_checkpoints (tree_size, root_hash, head_hash, created_at, signature, key_id) VALUES (99, '\\x00', '\\x00', now(), '\\x00', 'forged')"),
        ("audit_merkle_nodes", "INSERT INTO audit_merkle_nodes (level, node_index, hash) VALUES (20, 0, sha256('forged'))"),
        ("audit_staging", "DELETE FROM audit_staging"),
    ];

    [Test]
    public async Task The_fleet_role_is_refused_adding_to_the_ledger_its_checkpoints_and_its_tree_and_the_ledger_role_chains_and_signs()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None, overrides: new Dictionary<string, string?> { ["Ingestion:Audit:SigningKeyPath"] = KeyPath });
        await ActivatorUtilities.CreateInstance<LedgerBenchmark>(fleet.Services).FillAsync(10);

        await using var connection = await fleet.OpenDatabaseAsync();
        foreach (var (table, sql) in FleetWrites)
        {
            await using var attempt = new NpgsqlCommand(sql, connection);
            var refused = Assert.ThrowsAsync<PostgresException>(async () => await attempt.ExecuteNonQueryAsync(), sql);
            Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege), sql);
            Assert.That(refused.MessageText, Does.Contain($"permission denied for table {table}"), sql);
        }

        var checkpoint = await fleet.RunIngestAsync(Signing, "audit", "checkpoint");
        Assert.That(checkpoint.ExitCode, Is.Zero, checkpoint.Output);
        Assert.That(checkpoint.Output, Does.Contain("Checkpoint size 10"), "the ledger's role signed what its role chained");
        var verify = await fleet.RunIngestAsync(Signing, "audit", "verify");
        Assert.That(verify.ExitCode, Is.Zero, verify.Output);
        Assert.That(verify.Output, Does.Contain("Audit chain intact: 10 entries").And.Contain("1 signed checkpoints match"));
    }

    [Test]
    public async Task A_checkpoint_row_forged_with_a_stolen_superuser_login_is_reported_as_tampering_and_proofs_use_the_last_good_checkpoint()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None, overrides: new Dictionary<string, string?> { ["Ingestion:Audit:SigningKeyPath"] = KeyPath });
        await ActivatorUtilities.CreateInstance<LedgerBenchmark>(fleet.Services).FillAsync(10);
        var good = await fleet.RunIngestAsync(Signing, "audit", "checkpoint");
        Assert.That(good.Output, Does.Contain("Checkpoint size 10"), good.Output);
        var document = (await fleet.LedgerAsync())[^1].Event.CorrelationId;

        // The forger names the ledger's key and a size beyond the head: the newest row, which an unchecked reader would use.
        await using (var superuser = await fleet.OpenSuperuserDatabaseAsync())
        {
            await using var forge = new NpgsqlCommand(
                "INSERT INTO audit_checkpoints (tree_size, root_hash, head_hash, created_at, signature, key_id) " +
                "SELECT 50, $1, $2, now(), $3, key_id FROM audit_checkpoints WHERE tree_size = 10", superuser);
            forge.Parameters.Add(new NpgsqlParameter { Value = RandomNumberGenerator.GetBytes(32) });
            forge.Parameters.Add(new NpgsqlParameter { Value = RandomNumberGenerator.GetBytes(32) });
            forge.Parameters.Add(new NpgsqlParameter { Value = RandomNumberGenerator.GetBytes(64) });
            Assert.That(await forge.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var verify = await fleet.RunIngestAsync(Signing, "audit", "verify");
        Assert.That(verify.ExitCode, Is.EqualTo(1), verify.Output);
        Assert.That(
            verify.Output,
            Does.Contain("Checkpoint TAMPERING: the signature of checkpoint 50 does not verify with the ledger's public key")
                .And.Contain("Audit chain intact: 10 entries").And.Contain("1 signed checkpoints match"));

        // Proved by a process that holds only the public key: no ledger role, no private key.
        var receipt = Path.Combine(_folder, "receipt.json");
        var absentKey = Path.Combine(_folder, "elsewhere", "ledger-signing.pem");
        var prove = await fleet.RunIngestAsync(
            new Dictionary<string, string?>
            {
                ["Ingestion:Audit:SigningKeyPath"] = absentKey,
                ["Ingestion:Audit:PublicKeyPath"] = LedgerSigningKey.PublicKeyPath(KeyPath),
                ["Ingestion:Database:LedgerConnectionString"] = null,
            },
            "audit", "prove", document.ToString(), "--out", receipt);
        Assert.That(prove.ExitCode, Is.Zero, prove.Output);
        Assert.That(prove.StandardOutput, Does.Contain("checkpoint size 10"));
        Assert.That(prove.Errors, Does.Contain("Checkpoint TAMPERING").And.Contain("checkpoint 50"));
        Assert.That(File.Exists(absentKey), Is.False, "proving never needs, nor makes, a private key");

        var offline = ReceiptVerifier.Verify(await File.ReadAllTextAsync(receipt), await File.ReadAllTextAsync(LedgerSigningKey.PublicKeyPath(KeyPath)));
        Assert.That(offline.Problem, Is.Null);
        Assert.That(offline.TreeSize, Is.EqualTo(10));
    }

    private Dictionary<string, string?> Signing => new() { ["Ingestion:Audit:SigningKeyPath"] = KeyPath };
}
