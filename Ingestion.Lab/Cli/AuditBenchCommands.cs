using System.CommandLine;
using System.Globalization;
using Ingestion.Audit.Ledger;
using Ingestion.Hosting;
using Ingestion.Lab.Ledger;
using Ingestion.Persistence.Database;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Lab.Cli;

/// <summary>
/// <c>ingest-lab ledger bench-append</c>, <c>bench-fill</c> and <c>bench-prove</c>: the ledger's figures, measured in a
/// scratch schema (named <c>bench…</c>, so that no real ledger ever receives synthetic entries). A scratch schema is the
/// bench's own: it sets it up as the schema's owner, as a test does.
/// </summary>
internal static class AuditBenchCommands
{
    public static void AddTo(Command audit)
    {
        audit.Subcommands.Add(BenchAppend());
        audit.Subcommands.Add(BenchFill());
        audit.Subcommands.Add(BenchProveCommand.Create(SchemaOption(), IsScratch));
    }

    private static Command BenchAppend()
    {
        var schema = SchemaOption();
        var entries = new Option<int>("--entries") { Description = "How many entries to append.", DefaultValueFactory = _ => 20_000 };
        var appenders = new Option<int>("--appenders") { Description = "Concurrent appenders (audit workers).", DefaultValueFactory = _ => 4 };
        var batch = new Option<int>("--batch") { Description = "Entries per append (the ledger appender takes up to 500 staged entries a transaction).", DefaultValueFactory = _ => 100 };
        var command = new Command("bench-append", "Append synthetic entries from concurrent appenders in batches, as the fleet's audit workers do; print appends per second.")
        {
            schema, entries, appenders, batch,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (name, n, k, b) = (result.GetRequiredValue(schema), result.GetValue(entries), result.GetValue(appenders), result.GetValue(batch));
            if (!IsScratch(name) || n < 1 || k < 1 || b < 1)
            {
                Console.WriteLine("--schema must start with 'bench' and --entries, --appenders and --batch must be at least 1.");
                return 1;
            }

            using var host = ClientHost.Build(name);
            await host.Services.MigrateSchemaAsync(cancellationToken);
            var elapsed = await ActivatorUtilities.CreateInstance<LedgerBenchmark>(host.Services).AppendAsync(n, k, b, cancellationToken);
            var verification = await host.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(cancellationToken);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Appended {n} entries with {k} appenders in batches of {b}: {elapsed.TotalSeconds:F2} s, {n / elapsed.TotalSeconds:F0} appends/s"));
            Console.WriteLine(verification.Intact
                ? $"Audit chain intact: {verification.Entries} entries in schema {name}"
                : $"Audit chain BROKEN at seq {verification.FirstBadSeq}: {verification.Problem}.");
            return verification.Intact ? 0 : 1;
        });
        return command;
    }

    private static Command BenchFill()
    {
        var schema = SchemaOption();
        var entries = new Option<long>("--entries") { Description = "How many valid entries to add after the head.", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("bench-fill", "Fill a scratch ledger fast (one binary COPY, hashed by the chain's code), to time verify, checkpoint and prove at scale.")
        {
            schema, entries,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (name, n) = (result.GetRequiredValue(schema), result.GetValue(entries));
            if (!IsScratch(name) || n < 1)
            {
                Console.WriteLine("--schema must start with 'bench' and --entries must be at least 1.");
                return 1;
            }

            using var host = ClientHost.Build(name);
            await host.Services.MigrateSchemaAsync(cancellationToken);
            var elapsed = await ActivatorUtilities.CreateInstance<LedgerBenchmark>(host.Services).FillAsync(n, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Filled schema {name} with {n} entries in {elapsed.TotalSeconds:F1} s"));
            return 0;
        });
        return command;
    }

    private static Option<string> SchemaOption() =>
        new("--schema") { Description = "The scratch schema (its name must start with 'bench'); created if missing.", Required = true };

    private static bool IsScratch(string schema) => schema.StartsWith("bench", StringComparison.Ordinal);
}
