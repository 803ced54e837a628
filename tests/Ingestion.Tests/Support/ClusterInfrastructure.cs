using System.Diagnostics;
using System.Globalization;

namespace Ingestion.Tests.Support;

/// <summary>
/// A second private infrastructure for the failover drills: three clustered RabbitMQ nodes and a PostgreSQL primary with a
/// synchronous streaming standby, started by the project's own <c>scripts/infra-up.sh --cluster 3 --sync-standby</c> in
/// a folder (<c>INGESTION_LOCAL_DIR</c>, <c>.local/cluster-drills</c>) and on ports (the suite's + 10) of its own, so that
/// killing its nodes never touches the servers the rest of the suite runs on. <c>scripts/infra-ctl.sh</c> injects the
/// faults; <see cref="StopAsync"/> removes it all with <c>scripts/infra-down.sh --purge</c>.
/// </summary>
internal sealed class ClusterInfrastructure
{
    /// <summary>Set to 1 to leave the drill servers running after the run, so that the next run starts in seconds.</summary>
    public const string KeepVariable = "INGESTION_KEEP_CLUSTER_DRILL_INFRA";

    private const int PortOffset = 10;

    // The scripts' default ports (scripts/lib.sh); the suite's own come from the same variables.
    private static readonly (string Variable, int Default)[] Ports =
    [
        ("INGESTION_AMQP_PORT", 5673), ("INGESTION_MGMT_PORT", 15673), ("INGESTION_DIST_PORT", 25673), ("INGESTION_EPMD_PORT", 4371), ("INGESTION_PG_PORT", 5433),
    ];

    private static readonly TimeSpan ControlTimeout = TimeSpan.FromMinutes(5);

    private readonly string _repository;
    private readonly string _localDirectory;

    private ClusterInfrastructure(string repository, string localDirectory, Infrastructure infrastructure)
    {
        _repository = repository;
        _localDirectory = localDirectory;
        Infrastructure = infrastructure;
    }

    /// <summary>The drill servers, as fleets take them.</summary>
    public Infrastructure Infrastructure { get; }

    /// <summary>
    /// Starts (or finds running) the drill servers and reads their <c>env.sh</c>. A cold start installs nothing the suite's
    /// own start did not, but boots three Erlang VMs on a shared machine: it is bounded by <paramref name="timeout"/>.
    /// </summary>
    public static async Task<ClusterInfrastructure> StartAsync(TimeSpan timeout)
    {
        var repository = RepositoryRoot();
        var local = Path.Combine(repository, ".local", "cluster-drills");
        Directory.CreateDirectory(local);
        await RunScriptAsync(repository, local, timeout, "infra-up.sh", "--cluster", "3", "--sync-standby");
        var variables = await ReadEnvironmentFileAsync(Path.Combine(local, "env.sh"));
        return new ClusterInfrastructure(repository, local, Infrastructure.FromEnvironmentFile(variables));
    }

    /// <summary>Runs <c>scripts/infra-ctl.sh</c> on the drill servers and returns what it printed on standard output.</summary>
    public Task<string> ControlAsync(params string[] arguments) => RunScriptAsync(_repository, _localDirectory, ControlTimeout, "infra-ctl.sh", arguments);

    /// <summary>Stops every drill server and deletes their data, unless <see cref="KeepVariable"/> is 1.</summary>
    public async Task StopAsync()
    {
        if (Environment.GetEnvironmentVariable(KeepVariable) == "1")
        {
            TestContext.Progress.WriteLine($"{KeepVariable}=1: the drill servers in {_localDirectory} keep running; scripts/infra-down.sh stops them");
            return;
        }

        await RunScriptAsync(_repository, _localDirectory, TimeSpan.FromMinutes(3), "infra-down.sh", "--purge");
    }

    private static async Task<string> RunScriptAsync(string repository, string local, TimeSpan timeout, string script, params string[] arguments)
    {
        // Standard output to a file and standard error to the servers' log, never to pipes: a server the script starts
        // detached must not keep this process waiting for the end of a pipe it inherited.
        var output = Path.Combine(local, $"{script}.out");
        var log = Path.Combine(local, "scripts.log");
        var info = new ProcessStartInfo("bash") { WorkingDirectory = repository, UseShellExecute = false };
        foreach (var argument in (string[])["-c", """bash "$0" "$@" >"$INGESTION_SCRIPT_OUTPUT" 2>>"$INGESTION_SCRIPT_LOG" </dev/null""", Path.Combine("scripts", script), .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["INGESTION_LOCAL_DIR"] = local;
        info.Environment["INGESTION_SCRIPT_OUTPUT"] = output;
        info.Environment["INGESTION_SCRIPT_LOG"] = log;
        foreach (var (variable, fallback) in Ports)
        {
            var suite = int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : fallback;
            info.Environment[variable] = (suite + PortOffset).ToString(CultureInfo.InvariantCulture);
        }

        var command = $"scripts/{script} {string.Join(' ', arguments)}";
        await File.AppendAllTextAsync(log, $"{Environment.NewLine}--- {DateTimeOffset.Now:O} {command}{Environment.NewLine}");
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {command}");
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{command} did not end within {timeout.TotalSeconds:F0} s and was killed:{Environment.NewLine}{Tail(log)}");
        }

        if (process.ExitCode != 0)
        {
            Assert.Fail($"{command} failed (exit {process.ExitCode}):{Environment.NewLine}{Tail(log)}");
        }

        return (await File.ReadAllTextAsync(output)).Trim();
    }

    // env.sh is a shell file: a clean shell sources it and lists what it exported.
    private static async Task<Dictionary<string, string>> ReadEnvironmentFileAsync(string path)
    {
        var info = new ProcessStartInfo("env") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-i", "PATH=/usr/bin:/bin", "bash", "-c", """source "$0" && env -0""", path])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not read {path}");
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, $"sourcing {path} failed");
        return text.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "scripts", "infra-up.sh")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no scripts/infra-up.sh above {AppContext.BaseDirectory}");
    }

    private static string Tail(string log) => string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(40));
}
