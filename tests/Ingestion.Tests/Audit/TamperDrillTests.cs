using System.Text.Json.Nodes;
using Ingestion.Audit.Checkpoints;
using Ingestion.Audit.Export;
using Ingestion.Audit.Ledger;
using Ingestion.Hosting;
using Ingestion.Lab.Ledger;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Audit;

/// <summary>
/// Issue 5's tamper drills: a superuser with the triggers disabled changes the ledger, or someone edits an export, in each
/// of six ways; <c>verify</c> (database) and <c>verify --from</c> (export) each name the first bad entry. The ledger is 20
/// valid entries with signed checkpoints at 9 and 20, each exported as it was signed.
/// </summary>
[TestFixture]
public sealed class TamperDrillTests
{
    private string _folder = null!;

    public enum Drill
    {
        ChangeAField,
        DeleteAnEntry,
        InsertAForgedEntry,
        SwapTwoEntries,
        TruncateTheTail,
        RewriteTheTailWithRecomputedHashes,
    }

    private string Export => Path.Combine(_folder, "export");

    private string KeyPath => Path.Combine(_folder, "keys", "ledger-signing.pem");

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("ingestion-drills-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        foreach (var file in Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(_folder, recursive: true);
    }

    [TestCase(Drill.ChangeAField, 12)]
    [TestCase(Drill.DeleteAnEntry, 12)]
    [TestCase(Drill.InsertAForgedEntry, 12)]
    [TestCase(Drill.SwapTwoEntries, 12)]
    [TestCase(Drill.TruncateTheTail, 16)]
    [TestCase(Drill.RewriteTheTailWithRecomputedHashes, 10)]
    public async Task Each_drill_is_caught_naming_the_first_bad_entry_on_the_database_and_on_an_export(Drill drill, long firstBad)
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None, overrides: new Dictionary<string, string?> { ["Ingestion:Audit:SigningKeyPath"] = KeyPath });
        var bench = ActivatorUtilities.CreateInstance<LedgerBenchmark>(fleet.Services);
        var exporter = fleet.Services.GetRequiredService<AuditExporter>();
        await bench.FillAsync(9);
        await exporter.ExportAsync(Export, segmentSize: 1000);
        await bench.FillAsync(11);
        await exporter.ExportAsync(Export, segmentSize: 1000);
        var verifier = fleet.Services.GetRequiredService<AuditChainVerifier>();
        var publicKey = await File.ReadAllTextAsync(LedgerSigningKey.PublicKeyPath(KeyPath));
        Assert.That((await verifier.VerifyAsync()).CheckpointsVerified, Is.EqualTo(2), "before the drill both checkpoints match");
        Assert.That(ExportVerifier.Verify(Export, publicKey).Problem, Is.Null, "before the drill the export verifies");

        await TamperDatabaseAsync(fleet, drill);
        await TamperExportAsync(drill);

        var database = await verifier.VerifyAsync();
        Assert.That(database.FirstBadSeq, Is.EqualTo(firstBad), database.Problem);
        var export = ExportVerifier.Verify(Export, publicKey);
        Assert.That(export.Problem, Does.Contain($"seq {firstBad}"), export.Problem);
        var cli = await fleet.RunIngestAsync("audit", "verify");
        Assert.That(cli.ExitCode, Is.EqualTo(1), cli.Output);
        Assert.That(cli.Output, Does.Contain($"Audit chain BROKEN at seq {firstBad}"));
    }

    private static async Task TamperDatabaseAsync(Fleet fleet, Drill drill)
    {
        await using var connection = await fleet.OpenSuperuserDatabaseAsync();
        await ExecuteAsync(connection, "ALTER TABLE audit_ledger DISABLE TRIGGER USER");
        switch (drill)
        {
            case Drill.ChangeAField:
                await ExecuteAsync(connection, "UPDATE audit_ledger SET reason = 'nothing to see' WHERE seq = 12");
                break;
            case Drill.DeleteAnEntry:
                await ExecuteAsync(connection, "DELETE FROM audit_ledger WHERE seq = 12");
                break;
            case Drill.InsertAForgedEntry:
                // Make room at 12 and put there a forged copy of 12 carrying its hashes, as an insider would to look plausible.
                await ExecuteAsync(connection, """
                    UPDATE audit_ledger SET seq = seq + 1000 WHERE seq >= 12;
                    UPDATE audit_ledger SET seq = seq - 999 WHERE seq > 1000;
                    INSERT INTO audit_ledger SELECT 12, gen_random_uuid(), occurred_at, recorded_at, actor_worker_id, actor_host, actor_process_id,
                        'ARCHIVE', correlation_id, packet_id, site_id, document_sha256, from_state, 'ARCHIVED', 'ARCHIVED', error_code, 'forged',
                        schema_version, attempt, previous_hash, entry_hash, trace_id
                    FROM audit_ledger WHERE seq = 13;
                    """);
                break;
            case Drill.SwapTwoEntries:
                await ExecuteAsync(connection, """
                    UPDATE audit_ledger SET seq = -12 WHERE seq = 12;
                    UPDATE audit_ledger SET seq = 12 WHERE seq = 15;
                    UPDATE audit_ledger SET seq = 15 WHERE seq = -12;
                    """);
                break;
            case Drill.TruncateTheTail:
                await ExecuteAsync(connection, "DELETE FROM audit_ledger WHERE seq > 15");
                break;
            case Drill.RewriteTheTailWithRecomputedHashes:
                var previous = AuditChain.Genesis;
                foreach (var entry in await fleet.LedgerAsync())
                {
                    var e = entry.Seq == 10 ? entry.Event with { Reason = "rewritten" } : entry.Event;
                    if (entry.Seq >= 10)
                    {
                        var hash = AuditChain.EntryHash(previous, AuditChain.CanonicalJson(entry.Seq, entry.RecordedAt, e));
                        await using var update = new NpgsqlCommand(
                            "UPDATE audit_ledger SET reason = $1, previous_hash = $2, entry_hash = $3 WHERE seq = $4", connection);
                        update.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Reason ?? DBNull.Value });
                        update.Parameters.Add(new NpgsqlParameter { Value = previous });
                        update.Parameters.Add(new NpgsqlParameter { Value = hash });
                        update.Parameters.Add(new NpgsqlParameter { Value = entry.Seq });
                        await update.ExecuteNonQueryAsync();
                        previous = hash;
                    }
                    else
                    {
                        previous = entry.EntryHash;
                    }
                }

                break;
        }

        await ExecuteAsync(connection, "ALTER TABLE audit_ledger ENABLE TRIGGER USER");
    }

    // The same six attacks on the export's open segment (its 20 lines, one entry each).
    private async Task TamperExportAsync(Drill drill)
    {
        var segment = Path.Combine(Export, "segment-000001.jsonl");
        var lines = (await File.ReadAllLinesAsync(segment)).Select(l => JsonNode.Parse(l)!).ToList();
        JsonNode Line(long seq) => lines.Single(l => l["seq"]!.GetValue<long>() == seq);
        static string Json(JsonNode line) => line["canonical_json"]!.GetValue<string>();
        switch (drill)
        {
            case Drill.ChangeAField:
                Line(12)["canonical_json"] = Json(Line(12)).Replace("\"reason\":null", "\"reason\":\"nothing to see\"", StringComparison.Ordinal);
                break;
            case Drill.DeleteAnEntry:
                lines.Remove(Line(12));
                break;
            case Drill.InsertAForgedEntry:
                var forged = Line(12).DeepClone();
                forged["canonical_json"] = Json(forged).Replace("\"reason\":null", "\"reason\":\"forged\"", StringComparison.Ordinal);
                lines.Insert(lines.IndexOf(Line(12)), forged);
                for (var i = lines.IndexOf(forged) + 1; i < lines.Count; i++)
                {
                    lines[i]["seq"] = lines[i]["seq"]!.GetValue<long>() + 1;
                }

                break;
            case Drill.SwapTwoEntries:
                var (at12, at15) = (lines.IndexOf(Line(12)), lines.IndexOf(Line(15)));
                (lines[at12], lines[at15]) = (lines[at15], lines[at12]);
                break;
            case Drill.TruncateTheTail:
                lines.RemoveAll(l => l["seq"]!.GetValue<long>() > 15);
                break;
            case Drill.RewriteTheTailWithRecomputedHashes:
                var previous = Convert.FromHexString(Line(10)["previous_hash"]!.GetValue<string>());
                foreach (var line in lines.Where(l => l["seq"]!.GetValue<long>() >= 10))
                {
                    if (line["seq"]!.GetValue<long>() == 10)
                    {
                        line["canonical_json"] = Json(line).Replace("\"reason\":null", "\"reason\":\"rewritten\"", StringComparison.Ordinal);
                    }

                    var hash = AuditChain.EntryHash(previous, System.Text.Encoding.UTF8.GetBytes(Json(line)));
                    line["previous_hash"] = Convert.ToHexStringLower(previous);
                    line["entry_hash"] = Convert.ToHexStringLower(hash);
                    previous = hash;
                }

                break;
        }

        await File.WriteAllLinesAsync(segment, lines.Select(l => l.ToJsonString()));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
