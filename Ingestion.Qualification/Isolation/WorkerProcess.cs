using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ingestion.Qualification.Isolation;

/// <summary>One real <c>ingest worker</c> process of an isolated namespace; killed on dispose if still running.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _recent = new();

    private WorkerProcess(string workerId, Process process)
    {
        WorkerId = workerId;
        _process = process;
    }

    /// <summary>Raised for every line the worker logs (compact JSON on standard error).</summary>
    public event Action<string, string>? Logged;

    public string WorkerId { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the worker logged, for an error message.</summary>
    public string RecentLog => string.Join(Environment.NewLine, _recent);

    public static WorkerProcess Start(IngestLauncher launcher, string workerId, IReadOnlyDictionary<string, string?> settings)
    {
        var process = Process.Start(launcher.StartInfo(["worker", "--worker-id", workerId], settings))
            ?? throw new InvalidOperationException($"Could not start worker {workerId} with {launcher.FileName}.");
        var worker = new WorkerProcess(workerId, process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => worker.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _recent.Enqueue(line);
        while (_recent.Count > KeptLines && _recent.TryDequeue(out _))
        {
        }

        Logged?.Invoke(WorkerId, line);
    }
}
