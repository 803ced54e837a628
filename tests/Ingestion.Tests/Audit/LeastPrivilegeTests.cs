using Ingestion.Samples;
using Ingestion.Tests.Support;
using Npgsql;

namespace Ingestion.Tests.Audit;

/// <summary>
/// The fleet's database role may only read the audit ledger and stage entries for it; the ledger appender's role adds to
/// it, and the schema's owner manages it.
/// </summary>
[TestFixture]
public sealed class LeastPrivilegeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[0];
    private string _samples = null!;

    [SetUp]
    public void CreateSampleFolder() => _samples = Directory.CreateTempSubdirectory("ingestion-privilege-").FullName;

    [TearDown]
    public void DeleteSampleFolder() => Directory.Delete(_samples, recursive: true);

    private static readonly (string Sql, string Refusal)[] Tampering =
    [
        ("UPDATE audit_ledger SET outcome = 'FORGED' WHERE seq = 1", "permission denied for table audit_ledger"),
        ("DELETE FROM audit_ledger WHERE seq = 5", "permission denied for table audit_ledger"),
        ("TRUNCATE audit_ledger", "permission denied for table audit_ledger"),
        ("ALTER TABLE audit_ledger DISABLE TRIGGER audit_ledger_append_only", "must be owner of table audit_ledger"),
        ("DROP TABLE audit_ledger", "must be owner of table audit_ledger"),
        ("UPDATE audit_checkpoints SET key_id = 'forged'", "permission denied for table audit_checkpoints"),
        ("DELETE FROM audit_checkpoints", "permission denied for table audit_checkpoints"),
        ("UPDATE audit_merkle_nodes SET hash = hash", "permission denied for table audit_merkle_nodes"),
        ("DELETE FROM audit_merkle_nodes", "permission denied for table audit_merkle_nodes"),
    ];

    [Test]
    public async Task The_fleet_role_archives_a_packet_end_to_end_but_is_refused_update_delete_truncate_and_disabling_the_ledgers_trigger()
    {
        await using var fleet = await Fleet.StartAsync();
        var folder = SamplePacketWriter.WritePacket(Path.Combine(_samples, "p"), Site, [SamplePacketWriter.Variant.Current], 53);
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);
        var documents = await fleet.WaitForPacketsAsync(Deadline, packet.PacketId);
        var entries = ExpectedLedger.EntriesFor(ExpectedOutcome.Archived);
        await fleet.WaitForLedgerAsync(entries, Deadline);
        var checkpoint = await fleet.RunIngestAsync("audit", "checkpoint");
        Assert.That(checkpoint.ExitCode, Is.Zero, checkpoint.Output);
        Assert.That(documents.Single().State, Is.EqualTo("ARCHIVED"), "the worker, as the fleet role, did its work");

        await using var connection = await fleet.OpenDatabaseAsync();
        await using (var whoAmI = new NpgsqlCommand("SELECT current_user", connection))
        {
            Assert.That(await whoAmI.ExecuteScalarAsync(), Is.EqualTo(new NpgsqlConnectionStringBuilder(TestEnvironment.DatabaseConnectionString).Username));
        }

        foreach (var (sql, refusal) in Tampering)
        {
            await using var attempt = new NpgsqlCommand(sql, connection);
            var refused = Assert.ThrowsAsync<PostgresException>(async () => await attempt.ExecuteNonQueryAsync(), sql);
            Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege), sql);
            Assert.That(refused.MessageText, Does.Contain(refusal), sql);
        }

        var verify = await fleet.RunIngestAsync("audit", "verify");
        Assert.That(verify.ExitCode, Is.Zero, verify.Output);
        Assert.That(verify.Output, Does.Contain($"Audit chain intact: {entries} entries"));
    }

    [Test]
    public async Task A_table_added_by_any_component_is_granted_to_the_fleet_append_only_ones_for_insert_and_select_only_and_the_ledgers_for_select()
    {
        await using var fleet = await Fleet.StartAsync(Ingestion.Hosting.FleetRoles.None);
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var privileges = new NpgsqlCommand(
            """
            SELECT c.relname,
                   has_table_privilege(c.oid, 'SELECT'), has_table_privilege(c.oid, 'INSERT'),
                   has_table_privilege(c.oid, 'UPDATE'), has_table_privilege(c.oid, 'DELETE'), has_table_privilege(c.oid, 'TRUNCATE')
            FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
            """, connection);
        var tables = new Dictionary<string, (bool Select, bool Insert, bool Update, bool Delete, bool Truncate)>();
        await using (var reader = await privileges.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables[reader.GetString(0)] = (reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5));
            }
        }

        // Written by the ledger appender's role alone: the fleet reads them, and stages entries for the ledger.
        string[] ledgerWritten = ["audit_ledger", "audit_checkpoints", "audit_merkle_nodes"];
        string[] appendOnly =
        [
            "dead_letter_purges", "schema_version", "site_content",
            "site_packets", "submission_refusals", "password_history", "electronic_signatures", "field_corrections", "review_decisions",
            "review_decision_outcomes",
        ];
        // Kept for ever though they change: no DELETE.
        string[] neverDeleted = ["user_accounts"];
        Assert.That(
            tables.Keys,
            Is.SupersetOf(appendOnly).And.SupersetOf(neverDeleted).And.SupersetOf(ledgerWritten).And.Contains("audit_staging").And.Contains("document_ingestion").And.Contains("packets").And.Contains("console_sessions"));
        Assert.Multiple(() =>
        {
            foreach (var (table, p) in tables)
            {
                var expected = ledgerWritten.Contains(table) ? (true, false, false, false, false)
                    : table == "audit_staging" || appendOnly.Contains(table) ? (true, true, false, false, false)
                    : neverDeleted.Contains(table) ? (true, true, true, false, false)
                    : (true, true, true, true, false);
                Assert.That(p, Is.EqualTo(expected), table);
            }
        });
    }
}
