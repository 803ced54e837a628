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
    private readonly ConcurrentQueue<string> _warnings = new();

    private ConfiguredWorkerProcess(Process process) => _process = process;

    /// <summary>Starts the worker with every role, or with <paramref name="roles"/> (as <c>--roles</c> takes them).</summary>
    public static ConfiguredWorkerProcess Start(Fleet fleet, string workerId, IReadOnlyDictionary<string, string?> overrides, string? roles = null)
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

        if (roles is not null)
        {
            info.ArgumentList.Add("--roles");
            info.ArgumentList.Add(roles);
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

    /// <summary>Whether the process has ended (crashed, been killed or stopped).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Every warning the worker logged (compact JSON lines), however long ago.</summary>
    public IReadOnlyCollection<string> Warnings => _warnings;

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
        if (line.Contains("\"@l\":\"Warning\"", StringComparison.Ordinal))
        {
            _warnings.Enqueue(line);
        }

        while (_errors.Count > 40 && _errors.TryDequeue(out _))
        {
        }
    }
}
