using System.Collections.Concurrent;
using System.Diagnostics;
using Ingestion.Messaging.Fleet;

namespace Ingestion.Qualification.Isolation;

/// <summary>
/// One real <c>ingest worker</c> process, the one way the tests and the qualification runs start workers: started with
/// the environment it is given, its standard output and error captured line by line to a log file, ready once it reports
/// started (<see cref="WorkerStartedLine"/>), stopped with SIGTERM and killed with everything it started if it has not
/// exited by a deadline. Every worker is tracked until it has stopped, and any still running when the process that
/// started it exits is killed then: a worker never outlives the test run or the qualification run that started it.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>How long a worker may take to stop after SIGTERM before it is killed.</summary>
    public static readonly TimeSpan DefaultStopDeadline = TimeSpan.FromSeconds(15);

    private const int KeptLines = 40;

    private static readonly ConcurrentDictionary<WorkerProcess, byte> Running = new();

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly ConcurrentQueue<string> _recent = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _logClosed;
    private int? _exitCode;

    static WorkerProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillRunning();

    private WorkerProcess(string workerId, Process process, string logFile, StreamWriter log)
    {
        WorkerId = workerId;
        ProcessId = process.Id;
        LogFile = logFile;
        _process = process;
        _log = log;
    }

    /// <summary>Raised for every line the worker writes (its log is compact JSON on standard error): worker id, line.</summary>
    public event Action<string, string>? Logged;

    /// <summary>The id the worker records in the audit trail.</summary>
    public string WorkerId { get; }

    /// <summary>The operating system's id of the process.</summary>
    public int ProcessId { get; }

    /// <summary>Where every line the worker wrote is kept.</summary>
    public string LogFile { get; }

    /// <summary>Whether the process has ended; true once the worker is stopped or disposed.</summary>
    public bool HasExited => _exitCode is not null || _process.HasExited;

    /// <summary>The exit code once the process has ended (128 + the signal for one ended by a signal, 137 when killed).</summary>
    public int? ExitCode => _exitCode ?? (_process.HasExited ? _process.ExitCode : null);

    /// <summary>The last lines the worker wrote, for an error message.</summary>
    public string RecentLog => string.Join(Environment.NewLine, _recent);

    /// <summary>
    /// Starts <c>ingest worker --worker-id <paramref name="workerId"/></c> with <paramref name="settings"/> as its
    /// environment, with every role or only <paramref name="roles"/> (as <c>--roles</c> takes them), and returns at once;
    /// <see cref="WaitUntilStartedAsync"/> waits for it to report started.
    /// </summary>
    public static WorkerProcess Start(
        IngestLauncher launcher, string workerId, IReadOnlyDictionary<string, string?> settings, string logFile, string? roles = null)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        var log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        Process process;
        try
        {
            string[] arguments = roles is null ? ["worker", "--worker-id", workerId] : ["worker", "--worker-id", workerId, "--roles", roles];
            process = Process.Start(launcher.StartInfo(arguments, settings))
                ?? throw new InvalidOperationException($"Could not start worker {workerId} with {launcher.FileName}.");
        }
        catch
        {
            log.Dispose();
            throw;
        }

        var worker = new WorkerProcess(workerId, process, logFile, log);
        Running[worker] = 0;
        process.OutputDataReceived += (_, e) => worker.Receive(e.Data, reportsStart: true);
        process.ErrorDataReceived += (_, e) => worker.Receive(e.Data, reportsStart: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Starts a worker and waits until it reports started; a worker that does not is stopped before this throws.</summary>
    /// <exception cref="TimeoutException">It did not report started within <paramref name="startTimeout"/>.</exception>
    /// <exception cref="InvalidOperationException">It exited before it reported started.</exception>
    public static async Task<WorkerProcess> StartAsync(
        IngestLauncher launcher, string workerId, IReadOnlyDictionary<string, string?> settings, string logFile, TimeSpan startTimeout,
        CancellationToken cancellationToken = default)
    {
        var worker = Start(launcher, workerId, settings, logFile);
        try
        {
            await worker.WaitUntilStartedAsync(startTimeout, cancellationToken);
            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the worker reports started: its bus is up and its queues take messages.</summary>
    /// <exception cref="TimeoutException">It did not report started within <paramref name="timeout"/>.</exception>
    /// <exception cref="InvalidOperationException">It exited before it reported started.</exception>
    public async Task WaitUntilStartedAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var exited = _process.WaitForExitAsync(deadline.Token);
        var first = await Task.WhenAny(_started.Task, exited);
        if (first == _started.Task)
        {
            // Stops the wait for its exit, which has nothing more to tell.
            await deadline.CancelAsync();
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (exited.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException(
                $"Worker {WorkerId} exited with code {_process.ExitCode} before it reported started (log {LogFile}):{Environment.NewLine}{RecentLog}");
        }

        throw new TimeoutException(
            $"Worker {WorkerId} did not report started within {timeout.TotalSeconds:F0} s (log {LogFile}):{Environment.NewLine}{RecentLog}");
    }

    /// <summary>Waits until the worker exits by itself, for a worker expected to end (a refused start).</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Sends SIGTERM and waits for the worker to finish what it holds; kills it, and all it started, after <paramref name="deadline"/>.</summary>
    public async Task StopAsync(TimeSpan? deadline = null)
    {
        if (!_process.HasExited)
        {
            if (!PosixSignal.Terminate(ProcessId))
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(deadline ?? DefaultStopDeadline);
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        Forget();
    }

    /// <summary>Kills the worker and everything it started at once, as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
        Forget();
    }

    /// <summary>Stops the worker (<see cref="StopAsync"/>) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    /// <summary>Stops every worker this process started that is still running: the last line of defence of a test run's teardown.</summary>
    public static Task StopAllAsync(TimeSpan? deadline = null) => Task.WhenAll(Running.Keys.Select(w => w.StopAsync(deadline)));

    // The process is going away without having stopped them; there is no time left for a graceful stop.
    private static void KillRunning()
    {
        foreach (var worker in Running.Keys)
        {
            try
            {
                worker._process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    private void Receive(string? line, bool reportsStart)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }

        _recent.Enqueue(line);
        while (_recent.Count > KeptLines && _recent.TryDequeue(out _))
        {
        }

        if (reportsStart && line.StartsWith(WorkerStartedLine.Prefix, StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }

        Logged?.Invoke(WorkerId, line);
    }

    // Once the process has exited: .NET has read its output to the end by now, so the log is complete.
    private void Forget()
    {
        _exitCode ??= _process.ExitCode;
        Running.TryRemove(this, out _);
        lock (_logLock)
        {
            if (!_logClosed)
            {
                _logClosed = true;
                _log.Dispose();
            }
        }
    }
}
