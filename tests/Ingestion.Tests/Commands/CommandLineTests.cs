using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Persistence.Database;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using Npgsql;

namespace Ingestion.Tests.Commands;

/// <summary>
/// The <c>ingest</c> commands behave like commands: read-only ones never migrate and need no owner's credentials,
/// expected failures are one line and a documented exit code, workers refuse an unmigrated schema, and <c>--json</c>
/// says what the table says. Each runs the real command line as its own process.
/// </summary>
[TestFixture]
public sealed class CommandLineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[0];
    private static readonly Dictionary<string, string?> WithoutOwner = new() { ["Ingestion:Database:OwnerConnectionString"] = null };

    [Test]
    public async Task A_read_only_command_against_a_database_that_does_not_answer_prints_one_line_and_exits_database_unavailable()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None);
        var nobody = new NpgsqlConnectionStringBuilder(TestEnvironment.DatabaseConnectionString) { Port = PortNobodyListensOn() };

        var run = await fleet.RunIngestAsync(
            new Dictionary<string, string?> { ["Ingestion:Database:ConnectionString"] = nobody.ConnectionString }, "documents");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.DatabaseUnavailable), run.Errors);
        Assert.That(Lines(run.Errors), Has.Length.EqualTo(1), run.Errors);
        Assert.That(run.Errors, Does.StartWith("ingest documents: the database does not answer"));
        Assert.That(run.Errors, Does.Not.Contain("   at ").And.Not.Contain("Exception:"), "no stack trace");
        Assert.That(run.StandardOutput, Is.Empty);
    }

    [Test]
    public async Task Status_on_a_schema_never_migrated_says_to_run_ingest_migrate_and_creates_nothing()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None);
        var schema = NewSchemaName();

        var run = await fleet.RunIngestAsync(new Dictionary<string, string?> { ["Ingestion:Database:Schema"] = schema }, "status");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.SchemaNotMigrated), run.Errors);
        Assert.That(Lines(run.Errors), Has.Length.EqualTo(1), run.Errors);
        Assert.That(run.Errors, Does.Contain($"schema '{schema}' does not exist").And.Contain("run `ingest migrate`"));
        Assert.That(await SchemaExistsAsync(fleet, schema), Is.False, "status created nothing");
    }

    [Test]
    public async Task A_worker_started_before_ingest_migrate_exits_with_one_line_and_starts_once_the_schema_is_migrated()
    {
        // The fleet owns the worker processes it starts, and stops them when disposed.
        await using var fleet = await Fleet.StartAsync(FleetRoles.None);
        var schema = NewSchemaName();
        var worker = new Dictionary<string, string?>(WithoutOwner) { ["Ingestion:Database:Schema"] = schema };
        try
        {
            var early = fleet.StartWorkerProcess("early-worker", worker);
            using (var exit = new CancellationTokenSource(Deadline))
            {
                await early.WaitForExitAsync(exit.Token);
            }

            Assert.That(early.ExitCode, Is.EqualTo(ExitCodes.SchemaNotMigrated), string.Join('\n', fleet.WorkerLog));
            Assert.That(fleet.WorkerLog.Where(l => l.Contains(schema, StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(1));
            Assert.That(fleet.WorkerLog.Single(l => l.Contains(schema, StringComparison.Ordinal)), Does.StartWith("ingest worker: ").And.Contain("run `ingest migrate`"));
            Assert.That(await SchemaExistsAsync(fleet, schema), Is.False, "the worker migrated nothing");

            var asOwner = new Dictionary<string, string?>
            {
                ["Ingestion:Database:Schema"] = schema,
                ["Ingestion:Database:OwnerConnectionString"] = TestEnvironment.OwnerConnectionString,
            };
            var migrate = await fleet.RunIngestAsync(asOwner, "migrate");
            var again = await fleet.RunIngestAsync(asOwner, "migrate");

            Assert.That(migrate.ExitCode, Is.Zero, migrate.Output);
            Assert.That(
                migrate.StandardOutput,
                Does.StartWith($"Schema '{schema}' migrated from no version to version {SchemaVersion.Current} as {DatabaseRoles.Owner}")
                    .And.Contain($"{DatabaseRoles.FleetRole} granted its privileges"));
            Assert.That(again.ExitCode, Is.Zero, again.Output);
            Assert.That(again.StandardOutput, Does.StartWith($"Schema '{schema}' is at version {SchemaVersion.Current} already, with this build's DDL: nothing applied"));

            var late = fleet.StartWorkerProcess("late-worker", worker);
            await Eventually.Until(
                () => RabbitManagement.ConsumersAsync(fleet.VirtualHost, "document-ingestion"), n => n >= 1 || late.HasExited, Deadline, "the migrated schema's worker to take messages");
            Assert.That(late.HasExited, Is.False, string.Join('\n', fleet.WorkerLog.TakeLast(5)));
        }
        finally
        {
            await DropSchemaAsync(fleet, schema);
        }
    }

    [Test]
    public async Task Read_only_commands_need_no_owners_connection_string_and_documents_json_says_what_the_table_says()
    {
        await using var fleet = await Fleet.StartAsync();
        var samples = Directory.CreateTempSubdirectory("ingestion-commands-").FullName;
        try
        {
            var folder = SamplePacketWriter.WritePacket(
                Path.Combine(samples, "p"), Site,
                [SamplePacketWriter.Variant.Current, SamplePacketWriter.Variant.Deprecated, SamplePacketWriter.Variant.Current], 73);
            var packet = await fleet.SubmitAsync(folder, Site.SiteId);
            var settled = await fleet.WaitForPacketsAsync(Deadline, packet.PacketId);
            await fleet.WaitForLedgerAsync(5 + 3 + 5, Deadline);
            var someone = settled[0].CorrelationId.ToString();

            var table = await fleet.RunIngestAsync(WithoutOwner, "documents");
            var json = await fleet.RunIngestAsync(WithoutOwner, "documents", "--json");
            foreach (var command in new[] { new[] { "status" }, ["status", "--json"], ["show", someone], ["show", someone, "--json"], ["audit", "trail", someone], ["audit", "verify", "--json"], ["review", "list", "--json"], ["wait", "--packet", packet.PacketId.ToString(), "--json"] })
            {
                var run = await fleet.RunIngestAsync(WithoutOwner, command);
                Assert.That(run.ExitCode, Is.Zero, $"ingest {string.Join(' ', command)}: {run.Errors}");
            }

            Assert.That(table.ExitCode, Is.Zero, table.Errors);
            Assert.That(json.ExitCode, Is.Zero, json.Errors);
            var rows = Lines(table.StandardOutput).Skip(1).Select(l => Regex.Split(l, @"\s{2,}")).ToList();
            using var parsed = JsonDocument.Parse(json.StandardOutput);
            var documents = parsed.RootElement.GetProperty("documents").EnumerateArray().ToList();
            Assert.That(documents, Has.Count.EqualTo(3));
            Assert.That(
                documents.Select(d => new[]
                {
                    d.GetProperty("siteId").GetString(), d.GetProperty("documentId").GetString(), d.GetProperty("artifactType").GetString(),
                    d.GetProperty("schemaVersion").GetString() ?? "-", d.GetProperty("state").GetString(), d.GetProperty("errorCode").GetString() ?? "-",
                    d.GetProperty("fieldTiers").GetString() is { Length: > 0 } tiers ? tiers : "-",
                }),
                Is.EqualTo(rows));
            Assert.That(documents.Select(d => d.GetProperty("correlationId").GetGuid()), Is.EqualTo(settled.Select(d => d.CorrelationId)));
            Assert.That(documents.Select(d => d.GetProperty("finalEntries").GetInt32()), Is.All.EqualTo(1), "each final transition chained once");
            Assert.That(
                documents.Select(d => d.GetProperty("archiveIndexed").GetBoolean()),
                Is.EqualTo(documents.Select(d => d.GetProperty("state").GetString() == "ARCHIVED")));
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string NewSchemaName() => $"u_{Guid.NewGuid():N}"[..20];

    private static int PortNobodyListensOn()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> SchemaExistsAsync(Fleet fleet, string schema)
    {
        await using var connection = await fleet.OpenSuperuserDatabaseAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_namespace WHERE nspname = $1", connection);
        query.Parameters.Add(new NpgsqlParameter { Value = schema });
        return (long)(await query.ExecuteScalarAsync())! > 0;
    }

    private static async Task DropSchemaAsync(Fleet fleet, string schema)
    {
        await using var connection = await fleet.OpenSuperuserDatabaseAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
