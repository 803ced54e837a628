using System.CommandLine;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;

namespace Ingestion.Host.Cli;

/// <summary>The <c>ingest</c> command line: fleet roles, site submission and the operator and compliance commands.</summary>
internal static class IngestCommand
{
    /// <summary>Parses and runs <paramref name="args"/>; expected failures end as one line and a documented exit code.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var verbose = new Option<bool>("--verbose")
        {
            Description = $"On a failure, also print the exception's stack trace and the bus's warnings (or set {ClientHost.VerboseVariable}=1).",
            Recursive = true,
        };
        var root = Create();
        root.Options.Add(verbose);
        return CommandRunner.RunAsync(root, verbose, args);
    }

    private static RootCommand Create()
    {
        var root = new RootCommand("Ingestion fleet: site activation packets through validation, parsing and archival, on an audit trail.");
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(SubmitCommand.Create());
        root.Subcommands.Add(ReceiptsCommand.Create());
        root.Subcommands.Add(SitesCommands.Create());
        root.Subcommands.Add(GatewayCommand.Create());
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
