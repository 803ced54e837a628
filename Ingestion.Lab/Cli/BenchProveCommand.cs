using System.CommandLine;
using Ingestion.Hosting;
using Ingestion.Lab.Ledger;
using Ingestion.Persistence.Database;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Lab.Cli;

/// <summary><c>ingest-lab ledger bench-prove</c>: checkpoint, receipts and consistency proofs timed on a scratch ledger of N entries.</summary>
internal static class BenchProveCommand
{
    public static Command Create(Option<string> schema, Func<string, bool> isScratch)
    {
        var entries = new Option<long>("--entries") { Description = "The ledger's size; filled with valid entries up to it.", DefaultValueFactory = _ => 1_000_000 };
        var documents = new Option<int>("--documents") { Description = "Documents in the packet (five entries, so five proofs, each).", DefaultValueFactory = _ => 100 };
        var repeat = new Option<int>("--repeat") { Description = "How many times to time each proof.", DefaultValueFactory = _ => 3 };
        BenchCommands.AtLeast(entries, 10);
        BenchCommands.AtLeast(documents, 1);
        BenchCommands.AtLeast(repeat, 1);
        var command = new Command(
            "bench-prove",
            "Time a checkpoint, one document's receipt, a packet's receipts (at the head and spread over the ledger) and a consistency proof on a ledger of N entries.")
        {
            schema, entries, documents, repeat,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var name = result.GetRequiredValue(schema);
            if (!isScratch(name))
            {
                Console.WriteLine("--schema must start with 'bench'.");
                return 1;
            }

            using var host = ClientHost.Build(name);
            await host.Services.MigrateSchemaAsync(cancellationToken);
            var services = host.Services;
            var bench = new ProofBenchmark(
                ActivatorUtilities.GetServiceOrCreateInstance<LedgerBenchmark>(services),
                services.GetRequiredService<Audit.Checkpoints.CheckpointStore>(),
                services.GetRequiredService<Audit.Checkpoints.AuditProver>(),
                services.GetRequiredService<IngestionDatabase>());
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
            Console.WriteLine($"== bench-prove, schema {name}, {Environment.ProcessorCount} cores, load {load}");
            await bench.RunAsync(result.GetValue(entries), result.GetValue(documents), result.GetValue(repeat), Console.Out, cancellationToken);
            return 0;
        });
        return command;
    }
}
