using System.CommandLine;
using System.CommandLine.Invocation;
using Ingestion.Audit.Export;
using Ingestion.Audit.Ledger;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Host.Cli;

/// <summary>
/// The WORM export of the ledger: <c>ingest audit export &lt;dir&gt;</c>, <c>verify --from &lt;dir&gt; --key &lt;pem&gt;</c>
/// (offline), <c>timeline &lt;correlation-id&gt;</c> and <c>reconstruct --from &lt;dir&gt;</c> (offline).
/// </summary>
internal static class AuditExportCommands
{
    public static void AddTo(Command audit)
    {
        audit.Subcommands.Add(Export());
        audit.Subcommands.Add(Timeline());
        audit.Subcommands.Add(Reconstruct());
        AddOfflineVerify(audit.Subcommands.Single(c => c.Name == "verify"));
    }

    private static Command Export()
    {
        var directory = new Argument<DirectoryInfo>("dir") { Description = "The export directory; created if missing, continued if it holds an export." };
        var segmentSize = new Option<int>("--segment-size") { Description = "Entries per segment file.", DefaultValueFactory = _ => 1000 };
        var command = new Command(
            "export",
            "Append the ledger to read-only JSON Lines segments with a hash-chained manifest, a signed checkpoint and the public key; exit 1 if a closed segment was changed.")
        {
            directory, segmentSize,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(segmentSize) < 1)
            {
                await Console.Error.WriteLineAsync("--segment-size must be at least 1.");
                return ExitCodes.Usage;
            }

            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var path = result.GetRequiredValue(directory).FullName;
            try
            {
                var export = await host.Services.GetRequiredService<AuditExporter>().ExportAsync(path, result.GetValue(segmentSize), cancellationToken);
                Console.WriteLine(
                    $"Exported {export.Appended} new entries to {path}: {export.Entries} entries, {export.ClosedSegments} closed segments ({export.NewlyClosed} closed now), {export.CheckpointFile}");
                return ExitCodes.Ok;
            }
            catch (ExportRefusedException e)
            {
                Console.WriteLine($"Export REFUSED: {e.Message}");
                return ExitCodes.CheckFailed;
            }
        });
        return command;
    }

    // The existing online verify keeps its action; --from switches the same command to the offline check of an export.
    private static void AddOfflineVerify(Command verify)
    {
        var from = new Option<DirectoryInfo?>("--from") { Description = "Verify an export directory offline, without the database." };
        var key = new Option<FileInfo?>("--key") { Description = "With --from: the ledger's public key (PEM)." };
        verify.Options.Add(from);
        verify.Options.Add(key);
        var online = (AsynchronousCommandLineAction)verify.Action!;
        verify.SetAction(async (result, cancellationToken) =>
        {
            var directory = result.GetValue(from);
            if (directory is null)
            {
                return await online.InvokeAsync(result, cancellationToken);
            }

            var keyFile = result.GetValue(key);
            if (keyFile is null)
            {
                await Console.Error.WriteLineAsync("--from needs --key <public-key.pem>.");
                return ExitCodes.Usage;
            }

            var verification = ExportVerifier.Verify(directory.FullName, await File.ReadAllTextAsync(keyFile.FullName, cancellationToken));
            if (verification.Verifies)
            {
                Console.WriteLine(
                    $"Export intact: {verification.Entries} entries in {verification.Segments} segments, head seq {verification.Entries}, head hash {verification.HeadHash}, checkpoint {verification.CheckpointSize} verifies");
                return ExitCodes.Ok;
            }

            Console.WriteLine($"Export does NOT verify: {verification.Problem}.");
            Console.WriteLine($"The {verification.Entries} entries before it verify; head hash {verification.HeadHash}");
            return ExitCodes.CheckFailed;
        });
    }

    private static Command Timeline()
    {
        var correlationId = new Argument<Guid>("correlation-id") { Description = "The document's correlation id." };
        var command = new Command("timeline", "Rebuild a document's timeline from the ledger: each action, from→to, outcome, reason, actor, and its final state.") { correlationId };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var entries = new List<TimelineEntry>();
            await foreach (var entry in host.Services.GetRequiredService<AuditLedger>().ReadAsync(result.GetRequiredValue(correlationId), cancellationToken))
            {
                entries.Add(TimelineEntry.FromCanonicalJson(AuditChain.CanonicalJson(entry.Seq, entry.RecordedAt, entry.Event)));
            }

            var reconstruction = Reconstruction.Build(entries);
            if (reconstruction.Documents.Count == 0)
            {
                await Console.Error.WriteLineAsync($"No audit entries for {result.GetRequiredValue(correlationId)}.");
                return ExitCodes.NotFound;
            }

            ReconstructionWriter.Table(reconstruction.Documents[0], Console.Out);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Reconstruct()
    {
        var from = new Option<DirectoryInfo>("--from") { Description = "The export directory.", Required = true };
        var site = new Option<string?>("--site") { Description = "Only documents of this site." };
        var packet = new Option<Guid?>("--packet") { Description = "Only documents of this packet." };
        var format = new Option<string>("--format") { Description = "table, csv or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong([.. ReconstructionWriter.Formats]);
        var command = new Command("reconstruct", "Rebuild every document's timeline from an export alone (no database); operator and system entries listed apart.")
        {
            from, site, packet, format,
        };
        command.SetAction(result =>
        {
            // Offline by design: the export's files are the only input; run 'verify --from' to trust them.
            var entries = ExportLayout.ReadEntries(result.GetRequiredValue(from).FullName)
                .Select(e => TimelineEntry.FromCanonicalJson(System.Text.Encoding.UTF8.GetBytes(e.CanonicalJson)));
            var reconstruction = Reconstruction.Build(entries, result.GetValue(site), result.GetValue(packet));
            ReconstructionWriter.Write(reconstruction, result.GetRequiredValue(format), Console.Out);
            return ExitCodes.Ok;
        });
        return command;
    }
}
