using System.CommandLine;

namespace Ingestion.Host.Cli;

/// <summary>The <c>ingest</c> command line: fleet roles, site submission and the operator and compliance commands.</summary>
internal static class IngestCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Ingestion fleet: site activation packets through validation, parsing and archival, on an audit trail.");
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(SubmitCommand.Create());
        root.Subcommands.Add(StatusCommands.Status());
        root.Subcommands.Add(StatusCommands.Documents());
        root.Subcommands.Add(StatusCommands.Wait());
        root.Subcommands.Add(ShowCommand.Create());
        root.Subcommands.Add(ReviewCommands.Create());
        root.Subcommands.Add(UsersCommands.Create());
        root.Subcommands.Add(ConsoleCommand.Create());
        root.Subcommands.Add(DiagnoseCommand.Create());
        root.Subcommands.Add(HoldCommands.Create());
        root.Subcommands.Add(AuditCommands.Create());
        root.Subcommands.Add(DeadLetterCommands.Create());
        root.Subcommands.Add(SamplesCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(RunbookCommand.Create());
        return root;
    }
}
