using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Ingestion.Reader.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Reading;

/// <summary>
/// A few long-lived reader processes, so that a document does not pay a .NET start: at most
/// <see cref="ReaderOptions.PoolSize"/> read at once, each replaced after <see cref="ReaderOptions.RecycleAfterDocuments"/>
/// documents or at once after a crash, a limit or a cancellation. Disposing the pool (the worker stopping) kills them all.
/// </summary>
internal sealed class ReaderPool : IDisposable
{
    private readonly ChildSandbox _sandbox;
    private readonly ReaderOptions _options;
    private readonly ILogger<ReaderPool> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<ReaderProcess> _idle = [];
    private readonly ConcurrentDictionary<ReaderProcess, byte> _live = new();
    private readonly string _dotnetHost;
    private readonly string _readerAssembly;
    private volatile bool _disposed;

    public ReaderPool(ChildSandbox sandbox, IOptions<ReaderOptions> options, ILogger<ReaderPool> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sandbox = sandbox;
        _options = options.Value;
        _logger = logger;
        _slots = new SemaphoreSlim(Math.Max(1, _options.PoolSize));
        _readerAssembly = string.IsNullOrWhiteSpace(_options.ReaderPath)
            ? Path.Combine(AppContext.BaseDirectory, "ingest-reader.dll")
            : Path.GetFullPath(_options.ReaderPath);
        // The shared runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/; the host is <root>/dotnet.
        _dotnetHost = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
    }

    /// <summary>The reader processes alive now, for tests and diagnostics.</summary>
    public IReadOnlyList<int> LiveProcessIds => _live.Keys.Select(r => r.Id).ToList();

    public async Task<(ReadResponse? Response, ContainedFailure? Failure)> ReadAsync(ReadRequest request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken);
        ReaderProcess? reader = null;
        try
        {
            reader = Take() ?? Start();
            var outcome = await reader.ReadAsync(request, cancellationToken);
            if (outcome.Failure is null && reader.IsUsable && reader.Documents < _options.RecycleAfterDocuments && !_disposed)
            {
                _idle.Add(reader);
                reader = null;
            }

            return outcome;
        }
        finally
        {
            if (reader is not null)
            {
                Retire(reader);
            }

            _slots.Release();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var reader in _live.Keys)
        {
            Retire(reader);
        }

        _slots.Dispose();
    }

    private ReaderProcess? Take()
    {
        while (_idle.TryTake(out var reader))
        {
            if (reader.IsUsable)
            {
                return reader;
            }

            Retire(reader);
        }

        return null;
    }

    private ReaderProcess Start()
    {
        if (!File.Exists(_readerAssembly))
        {
            throw new FileNotFoundException(
                $"The contained reader '{_readerAssembly}' is missing: it is built with the worker (Ingestion.Reader); set {ReaderOptions.Section}:ReaderPath if it lives elsewhere.",
                _readerAssembly);
        }

        var reader = ReaderProcess.Start(_sandbox, _options, _dotnetHost, _readerAssembly);
        _live[reader] = 0;
        _logger.LogDebug("Started reader process {ReaderPid} ({User}, network {Network})", reader.Id, _sandbox.User?.Name ?? "worker's user", _sandbox.NetworkIsolated ? "isolated" : "shared");
        return reader;
    }

    private void Retire(ReaderProcess reader)
    {
        _live.TryRemove(reader, out _);
        reader.Dispose();
    }
}
