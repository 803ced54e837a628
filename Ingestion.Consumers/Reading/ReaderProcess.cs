using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Ingestion.Contracts;
using Ingestion.Reader.Protocol;

namespace Ingestion.Consumers.Reading;

/// <summary>
/// One <c>ingest-reader</c> child: one request at a time, its answer read with a size cap while the parent watches the
/// child's wall time, CPU time and resident memory and kills it past a limit. A child that died or was killed is never
/// used again; what happened becomes a <see cref="ContainedFailure"/>.
/// </summary>
internal sealed class ReaderProcess : IDisposable
{
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(100);
    private readonly Process _process;
    private readonly ReaderOptions _options;
    private readonly StringBuilder _stderrHead = new();
    private readonly Stream _stdout;
    private string? _killedFor;

    private ReaderProcess(Process process, ReaderOptions options)
    {
        _process = process;
        _options = options;
        _stdout = process.StandardOutput.BaseStream;
        process.ErrorDataReceived += (_, e) => KeepStderr(e.Data);
        process.BeginErrorReadLine();
    }

    public int Documents { get; private set; }

    public bool IsUsable => _killedFor is null && !_process.HasExited;

    public int Id => _process.Id;

    public static ReaderProcess Start(ChildSandbox sandbox, ReaderOptions options, string dotnetHost, string readerAssembly)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(options);
        var heap = (long)options.MemoryMiB << 20;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_GCHeapHardLimit"] = heap.ToString("X", System.Globalization.CultureInfo.InvariantCulture),
            ["DOTNET_gcServer"] = "0",
            // No diagnostics socket in /tmp, no telemetry, no first-run output: the child talks only on its pipes.
            ["DOTNET_EnableDiagnostics"] = "0",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            // W^X double-maps code through a file it writes; off, the reader needs no file at all (RLIMIT_FSIZE 0).
            ["DOTNET_EnableWriteXorExecute"] = "0",
        };
        // RLIMIT_CPU counts over the child's whole life: the per-document CPU limit is the parent's watch, this only a
        // backstop. The runtime maps about 1.5 GiB of address space beside its heap (2 GiB was measured to be enough for a
        // 512 MiB heap); RLIMIT_AS bounds what native code could take beyond the GC's hard limit.
        var limits = new ChildLimits(
            (long)Math.Ceiling(options.CpuSeconds * (options.RecycleAfterDocuments + 1)), ((long)options.MemoryMiB + 2048) << 20, 0);
        var info = sandbox.StartInfo(dotnetHost, [readerAssembly], limits, environment);
        info.StandardInputEncoding = new UTF8Encoding(false);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start the reader '{readerAssembly}'.");
        return new ReaderProcess(process, options);
    }

    /// <summary>Sends one request and waits for its answer, or for the child to die or be killed.</summary>
    public async Task<(ReadResponse? Response, ContainedFailure? Failure)> ReadAsync(ReadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Documents++;
        lock (_stderrHead)
        {
            _stderrHead.Clear();
        }

        var cpuBefore = ProcessWatch.CpuSeconds(_process.Id) ?? 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = WatchAsync(cpuBefore, stop.Token);
        using var killOnCancel = cancellationToken.Register(() => Kill("cancelled"));
        try
        {
            await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request, ReaderJson.Default.ReadRequest).AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
        }
        catch (IOException)
        {
            // The child is gone already; its exit says why, below.
        }

        var line = await ReadLineAsync();
        await stop.CancelAsync();
        await watch;
        cancellationToken.ThrowIfCancellationRequested();
        if (line.Bytes is { } bytes && _killedFor is null)
        {
            try
            {
                return (JsonSerializer.Deserialize(bytes, ReaderJson.Default.ReadResponse), null);
            }
            catch (JsonException exception)
            {
                Kill("garbled");
                return (null, new ContainedFailure(ErrorCodes.ParserCrash, $"The reader answered with something that is not a response: {exception.Message}"));
            }
        }

        if (line.TooLong)
        {
            Kill("output");
        }

        return (null, await FailureAsync());
    }

    public void Dispose()
    {
        Kill("disposed");
        _process.Dispose();
    }

    private async Task WatchAsync(double cpuBefore, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        var residentLimit = ((long)_options.MemoryMiB + _options.RuntimeOverheadMiB) << 20;
        try
        {
            while (!stop.IsCancellationRequested && !_process.HasExited)
            {
                await Task.Delay(WatchInterval, stop);
                if (Stopwatch.GetElapsedTime(started).TotalSeconds > _options.WallTimeSeconds)
                {
                    Kill("time");
                }
                else if (ProcessWatch.CpuSeconds(_process.Id) is { } cpu && cpu - cpuBefore > _options.CpuSeconds)
                {
                    Kill("cpu");
                }
                else if (ProcessWatch.ResidentBytes(_process.Id) is { } resident && resident > residentLimit)
                {
                    Kill("memory");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The answer came, or the read was cancelled.
        }
    }

    private async Task<(byte[]? Bytes, bool TooLong)> ReadLineAsync()
    {
        var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        while (true)
        {
            int read;
            try
            {
                read = await _stdout.ReadAsync(chunk);
            }
            catch (IOException)
            {
                return (null, false);
            }

            if (read == 0)
            {
                return (null, false);
            }

            var newline = Array.IndexOf(chunk, (byte)'\n', 0, read);
            buffer.Write(chunk, 0, newline < 0 ? read : newline);
            if (buffer.Length > _options.MaxOutputBytes)
            {
                return (null, true);
            }

            if (newline >= 0)
            {
                return (buffer.ToArray(), false);
            }
        }
    }

    private async Task<ContainedFailure> FailureAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            Kill("hung");
        }

        var limit = _killedFor switch
        {
            "time" => $"time {_options.WallTimeSeconds:0.###} s",
            "cpu" => $"cpu {_options.CpuSeconds:0.###} s",
            "memory" => $"memory {_options.MemoryMiB} MiB",
            "output" => $"output {_options.MaxOutputBytes >> 20} MiB",
            _ => null,
        };
        if (limit is not null)
        {
            return new ContainedFailure(ErrorCodes.ResourceLimit, $"{limit}: the reader was stopped when reading the document passed this limit (Ingestion:Reader).");
        }

        var exit = _process.HasExited ? _process.ExitCode : -1;
        var stderr = StderrHead();
        // .NET prints "Stack overflow." and aborts (SIGABRT, 134); the kernel's RLIMIT_CPU ends with SIGXCPU (152) or SIGKILL.
        if (exit == 128 + 24)
        {
            return new ContainedFailure(ErrorCodes.ResourceLimit, $"cpu {_options.CpuSeconds:0.###} s: the reader exceeded its CPU limit.");
        }

        if (stderr.Contains("OutOfMemory", StringComparison.Ordinal))
        {
            return new ContainedFailure(ErrorCodes.ResourceLimit, $"memory {_options.MemoryMiB} MiB: the reader ran out of memory.");
        }

        var what = stderr.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase) ? "stack overflow" : Describe(exit);
        return new ContainedFailure(
            ErrorCodes.ParserCrash,
            $"{what}: the reader process died reading the document (exit {exit}){(stderr.Length == 0 ? "." : $"; it said: {stderr}")}");
    }

    private static string Describe(int exit) => exit switch
    {
        > 128 => $"killed by signal {exit - 128}",
        _ => $"exit code {exit}",
    };

    private void Kill(string reason)
    {
        _killedFor ??= reason;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It exited between the check and the kill.
        }
    }

    private void KeepStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderrHead)
        {
            if (_stderrHead.Length < 400)
            {
                _stderrHead.Append(_stderrHead.Length == 0 ? string.Empty : " | ").Append(line.Trim());
            }
        }
    }

    private string StderrHead()
    {
        lock (_stderrHead)
        {
            return _stderrHead.Length > 400 ? _stderrHead.ToString(0, 400) : _stderrHead.ToString();
        }
    }
}
