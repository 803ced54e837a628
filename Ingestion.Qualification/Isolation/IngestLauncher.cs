using System.Diagnostics;

namespace Ingestion.Qualification.Isolation;

/// <summary>How to start an <c>ingest</c> process: the executable and the arguments before the command's own.</summary>
/// <param name="FileName">The apphost <c>ingest</c>, or <c>dotnet</c>.</param>
/// <param name="LeadingArguments">For <c>dotnet</c>, the path of <c>ingest.dll</c>.</param>
public sealed record IngestLauncher(string FileName, IReadOnlyList<string> LeadingArguments)
{
    // Database credentials a process gets only when its settings name them: the caller's own environment (an operator's
    // env.sh, a test run's) holds the schema owner's and the superuser's, which no worker or command may inherit.
    private static readonly string[] InheritedCredentials =
    [
        "Ingestion__Database__OwnerConnectionString", "Ingestion__Database__LedgerConnectionString", "INGESTION_PG_SUPERUSER",
        "PGPASSWORD", "PGPASSFILE",
    ];

    /// <summary>The folder the process starts in (its content root); the caller's own when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Runs <c>ingest.dll</c> from <paramref name="directory"/> with <c>dotnet</c>, in that folder.</summary>
    public static IngestLauncher FromDirectory(string directory) =>
        new("dotnet", [Path.Combine(directory, "ingest.dll")]) { WorkingDirectory = directory };

    /// <summary>
    /// Runs one <c>ingest</c> command (not a worker) to its end and returns its exit code and output. A command that
    /// outruns <paramref name="timeout"/>, or whose caller gives up, is killed with everything it started.
    /// </summary>
    /// <param name="arguments">The command and its arguments, for example <c>audit verify</c>.</param>
    /// <param name="settings"><c>Ingestion:*</c> settings, passed as environment variables (which win over appsettings.json).</param>
    /// <param name="timeout">How long the command may take.</param>
    /// <param name="cancellationToken">Kills the command when cancelled.</param>
    /// <exception cref="TimeoutException">The command did not end in time; the message holds what it wrote so far.</exception>
    public Task<IngestCommandResult> RunAsync(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> settings, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        RunAsync(arguments, settings, timeout, standardInput: null, cancellationToken);

    /// <summary>
    /// Runs one <c>ingest</c> command like <see cref="RunAsync(IEnumerable{string}, IReadOnlyDictionary{string, string?}, TimeSpan, CancellationToken)"/>
    /// with <paramref name="standardInput"/> written to it, for example passwords for <c>--password-stdin</c>, one a line.
    /// Its standard input is closed after that (at once when null): a command never waits for the caller's terminal.
    /// </summary>
    /// <param name="arguments">The command and its arguments.</param>
    /// <param name="settings"><c>Ingestion:*</c> settings, passed as environment variables.</param>
    /// <param name="timeout">How long the command may take.</param>
    /// <param name="standardInput">What the command reads from standard input; nothing when null.</param>
    /// <param name="cancellationToken">Kills the command when cancelled.</param>
    /// <exception cref="TimeoutException">The command did not end in time; the message holds what it wrote so far.</exception>
    public async Task<IngestCommandResult> RunAsync(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> settings, TimeSpan timeout, string? standardInput,
        CancellationToken cancellationToken = default)
    {
        var command = arguments.ToList();
        var info = StartInfo(command, settings);
        info.RedirectStandardInput = true;
        using var process = Process.Start(info)
            ?? throw new InvalidOperationException($"Could not start ingest {string.Join(' ', command)} with {FileName}.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await WriteInputAsync(process, standardInput, deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"ingest {string.Join(' ', command)} did not end within {timeout.TotalSeconds:F0} s and was killed; it wrote:{Environment.NewLine}{await output}{await errors}");
        }

        return new IngestCommandResult(process.ExitCode, await output, await errors);
    }

    // A command that exits before reading all of its input breaks the pipe: what it did not read does not matter then.
    private static async Task WriteInputAsync(Process process, string? standardInput, CancellationToken cancellationToken)
    {
        try
        {
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
                await process.StandardInput.FlushAsync(cancellationToken);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command has ended (or closed its standard input) already.
        }
    }

    internal ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> settings)
    {
        var info = new ProcessStartInfo(FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (WorkingDirectory is not null)
        {
            info.WorkingDirectory = WorkingDirectory;
        }

        foreach (var argument in LeadingArguments.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var variable in InheritedCredentials)
        {
            info.Environment.Remove(variable);
        }

        // The broker administrator creates and drops namespaces in this process; no process it starts holds that password.
        info.Environment.Remove(ValidationEnvironment.BrokerAdministratorUsernameVariable);
        info.Environment.Remove(ValidationEnvironment.BrokerAdministratorPasswordVariable);

        // Environment variables win over appsettings.json in every ingest process, so the caller's settings apply.
        // A null value leaves the setting out, so that appsettings.json's default applies.
        foreach (var (key, value) in settings)
        {
            var variable = key.Replace(":", "__", StringComparison.Ordinal);
            if (value is null)
            {
                info.Environment.Remove(variable);
            }
            else
            {
                info.Environment[variable] = value;
            }
        }

        return info;
    }
}
