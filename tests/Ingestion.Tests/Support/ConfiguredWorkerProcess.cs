using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Support;

/// <summary>
/// A real <c>ingest worker</c> process on a fleet's virtual host, schema and content store, with settings of its
/// own on top of the fleet's (say, an OCR time limit that only this worker has), so that two workers of one test
/// can differ. Killed on dispose if still running.
/// </summary>
internal sealed class ConfiguredWorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _errors = new();

    private ConfiguredWorkerProcess(Process process) => _process = process;

    public static ConfiguredWorkerProcess Start(Fleet fleet, string workerId, IReadOnlyDictionary<string, string?> overrides)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "ingest.dll"), "worker", "--worker-id", workerId })
        {
            info.ArgumentList.Add(argument);
        }

        // The fleet's own host holds its effective settings (virtual host, schema, content root, retry budgets).
        var settings = fleet.Services.GetRequiredService<IConfiguration>().AsEnumerable()
            .Where(s => s.Key.StartsWith("Ingestion:", StringComparison.Ordinal) && s.Value is not null)
            .Concat(overrides);
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info)!;
        var worker = new ConfiguredWorkerProcess(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => worker.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>The worker's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the worker has exited (crashed, been killed, or stopped).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Asks the worker to stop, as an orchestrator does (SIGTERM).</summary>
    public void RequestStop()
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
    }

    /// <summary>Waits at most <paramref name="timeout"/> for the worker to exit; true if it did.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The last lines the worker logged, for an assertion's message.</summary>
    public string RecentLog => string.Join(Environment.NewLine, _errors);

    /// <summary>Kills the worker and everything it started, as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _errors.Enqueue(line);
        while (_errors.Count > 40 && _errors.TryDequeue(out _))
        {
        }
    }
}
