using System.CommandLine;
using System.CommandLine.Parsing;
using Ingestion.Hosting;

namespace Ingestion.Host.Cli.Invocation;

/// <summary>
/// Runs one command line and is the one place where a command's failure becomes what its user sees: a command line that
/// does not parse exits <see cref="ExitCodes.Usage"/>; an exception ends as one line on standard error naming the command,
/// what failed and what to do, and its <see cref="CommandFailure"/> exit code. No stack trace unless <c>--verbose</c> or
/// <c>INGESTION_VERBOSE=1</c>.
/// </summary>
internal static class CommandRunner
{
    private static readonly HashSet<string> Hosts = new(StringComparer.Ordinal) { "worker", "gateway", "console" };

    public static async Task<int> RunAsync(RootCommand root, Option<bool> verbose, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine prints the errors and the command's help, and would exit 1, the code of a failed check.
            await parse.InvokeAsync();
            return ExitCodes.Usage;
        }

        // The long-running hosts write Serilog's JSON lines, which carry no raw control characters but would not survive
        // the writer's escapes of the characters JSON leaves raw (bidi controls); every other command prints for a person.
        if (!Hosts.Contains(parse.CommandResult.Command.Name))
        {
            TerminalSafeWriter.Install();
        }

        if (parse.GetValue(verbose))
        {
            // The hosts the commands build read the same switch.
            Environment.SetEnvironmentVariable(ClientHost.VerboseVariable, "1");
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception exception)
        {
            var failure = CommandFailure.From(exception);
            await Console.Error.WriteLineAsync($"{CommandPath(parse)}: {failure.Message}");
            if (ClientHost.Verbose)
            {
                await Console.Error.WriteLineAsync(exception.ToString());
            }
            else if (failure.ExitCode == ExitCodes.Unexpected)
            {
                await Console.Error.WriteLineAsync($"(run with --verbose or {ClientHost.VerboseVariable}=1 for the stack trace)");
            }

            return failure.ExitCode;
        }
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult command; result = command.Parent)
        {
            names.Insert(0, command.Command.Name);
        }

        return string.Join(' ', names);
    }
}
