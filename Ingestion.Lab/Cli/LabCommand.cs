using System.CommandLine;

namespace Ingestion.Lab.Cli;

/// <summary>
/// The <c>ingest-lab</c> command line: measurements that <c>scripts/bench.sh</c> and <c>scripts/measure-ledger.sh</c>
/// drive. Nothing here is deployed with the fleet.
/// </summary>
internal static class LabCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Ingestion lab: benchmark pieces for the fleet and its audit ledger.");
        root.Subcommands.Add(BenchCommands.Create());
        root.Subcommands.Add(LabSubmitCommand.Create());
        var ledger = new Command("ledger", "Ledger figures measured in a scratch schema.");
        AuditBenchCommands.AddTo(ledger);
        root.Subcommands.Add(ledger);
        return root;
    }
}
