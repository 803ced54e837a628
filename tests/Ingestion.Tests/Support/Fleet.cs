using System.Diagnostics;
using Ingestion.Audit.Ledger;
using Ingestion.Contracts;
using Ingestion.Hosting;
using Ingestion.Saga.Documents;
using Ingestion.Saga.Packets;
using Ingestion.Site.Submission;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Serilog.Events;

namespace Ingestion.Tests.Support;

/// <summary>
/// One isolated deployment of the fleet for one test: its own RabbitMQ virtual host, PostgreSQL schema and
/// content store, on the real broker and database. It runs an in-process worker with every role (unless
/// told not to) and can start real <c>ingest worker</c> processes beside it.
/// </summary>
internal sealed class Fleet : IAsyncDisposable
{
    private readonly RabbitManagement _management = new();
    private readonly List<Process> _processes = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _workerLog = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly IHost _host;

    private Fleet(string name, IHost host, Dictionary<string, string?> settings)
    {
        Name = name;
        _host = host;
        _settings = settings;
    }

    public string Name { get; }

    public string VirtualHost => Name;

    public IServiceProvider Services => _host.Services;

    public string ContentRoot => _settings["Ingestion:ContentStore:Root"]!;

    /// <summary>The log lines (compact JSON) of the worker processes started so far.</summary>
    public IReadOnlyCollection<string> WorkerLog => _workerLog;

    /// <summary>Starts a fleet; <paramref name="roles"/> <see cref="FleetRoles.None"/> gives a client only.</summary>
    public static async Task<Fleet> StartAsync(
        FleetRoles roles = FleetRoles.All,
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var name = $"t_{Guid.NewGuid():N}"[..20];
        var settings = new Dictionary<string, string?>
        {
            ["Ingestion:RabbitMq:Host"] = TestEnvironment.RabbitHost,
            ["Ingestion:RabbitMq:Port"] = TestEnvironment.RabbitPort.ToString(),
            ["Ingestion:RabbitMq:ManagementPort"] = TestEnvironment.RabbitManagementPort.ToString(),
            ["Ingestion:RabbitMq:Username"] = TestEnvironment.RabbitUser,
            ["Ingestion:RabbitMq:Password"] = TestEnvironment.RabbitPassword,
            ["Ingestion:RabbitMq:VirtualHost"] = name,
            ["Ingestion:Database:ConnectionString"] = TestEnvironment.DatabaseConnectionString,
            ["Ingestion:Database:OwnerConnectionString"] = TestEnvironment.OwnerConnectionString,
            ["Ingestion:Database:Schema"] = name,
            ["Ingestion:ContentStore:Root"] = Path.Combine(Path.GetTempPath(), "ingestion-tests", name),
            ["Ingestion:Worker:WorkerId"] = "test-worker",
            // Delayed redelivery is on in production; tests that want it turn it on with short delays.
            ["Ingestion:Redelivery:MaxRedeliveries"] = "0",
        };
        foreach (var stage in new[] { "Validate", "Parse", "Archive" })
        {
            settings[$"Ingestion:Retry:{stage}:RetryLimit"] = "3";
            settings[$"Ingestion:Retry:{stage}:MinIntervalMs"] = "20";
            settings[$"Ingestion:Retry:{stage}:MaxIntervalMs"] = "200";
            settings[$"Ingestion:Retry:{stage}:IntervalDeltaMs"] = "20";
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        using (var management = new RabbitManagement())
        {
            await management.CreateVirtualHostAsync(name);
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddIngestion(roles, LogEventLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings);
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        var fleet = new Fleet(name, host, settings);
        await host.Services.GetRequiredService<Ingestion.Persistence.Database.SchemaMigrator>().MigrateAsync();
        await host.StartAsync();
        return fleet;
    }

    public async Task<PacketSubmitted> SubmitAsync(string folder, string siteId, Guid? packetId = null)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PacketSubmitter>()
            .SubmitAsync(folder, siteId, "ABC-123", "test-site-user", packetId);
    }

    /// <summary>Waits until every document of the packets is final and returns them all.</summary>
    public async Task<IReadOnlyList<DocumentOutcome>> WaitForPacketsAsync(TimeSpan timeout, params Guid[] packetIds)
    {
        var queries = Services.GetRequiredService<PacketStatusQueries>();
        await Eventually.Until(
            () => queries.PacketsAsync(packetIds),
            packets => packets.Count == packetIds.Length && packets.All(p => p.CompletedAt is not null),
            timeout,
            "every packet to complete");
        return await queries.DocumentsAsync(packetIds);
    }

    /// <summary>Waits until every document of the packets is final or waits for a reviewer, with that audited.</summary>
    public async Task<IReadOnlyList<DocumentOutcome>> WaitForSettledAsync(TimeSpan timeout, params Guid[] packetIds)
    {
        var queries = Services.GetRequiredService<PacketStatusQueries>();
        await Eventually.Until(
            () => queries.PacketsAsync(packetIds),
            packets => packets.Count == packetIds.Length && packets.All(p => p.Settled),
            timeout,
            "every document to be final or in manual review");
        return await queries.DocumentsAsync(packetIds);
    }

    /// <summary>Each document's state, reason and fields, for an assertion's message.</summary>
    public async Task<string> ExplainAsync(IEnumerable<DocumentOutcome> documents)
    {
        var lines = new List<string>();
        foreach (var document in documents)
        {
            var saga = await SagaAsync(document.CorrelationId);
            var fields = string.Join("; ", saga.Fields.Select(f => $"{f.Name}={f.Value} [{f.Tier} {f.Confidence:F2}]"));
            lines.Add($"{document.DocumentId}: {document.State} {saga.ErrorCode} {saga.Reason} | {fields}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    public async Task<DocumentIngestionState> SagaAsync(Guid correlationId) =>
        await Services.GetRequiredService<PacketStatusQueries>().DocumentAsync(correlationId)
            ?? throw new InvalidOperationException($"no saga {correlationId}");

    public async Task<List<LedgerEntry>> LedgerAsync(Guid? correlationId = null)
    {
        var entries = new List<LedgerEntry>();
        await foreach (var entry in Services.GetRequiredService<AuditLedger>().ReadAsync(correlationId))
        {
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>Waits until the audit consumer has appended <paramref name="count"/> entries; audit is asynchronous to the saga.</summary>
    public async Task<List<LedgerEntry>> WaitForLedgerAsync(int count, TimeSpan timeout) =>
        await Eventually.Until(() => LedgerAsync(), entries => entries.Count >= count, timeout, $"{count} audit entries");

    /// <summary>A connection as the fleet's role, which may not change the append-only tables.</summary>
    public Task<NpgsqlConnection> OpenDatabaseAsync() => OpenDatabaseAsync(TestEnvironment.DatabaseConnectionString);

    /// <summary>A connection as a superuser, for tamper drills: it can disable the append-only triggers.</summary>
    public Task<NpgsqlConnection> OpenSuperuserDatabaseAsync() => OpenDatabaseAsync(TestEnvironment.SuperuserConnectionString);

    private async Task<NpgsqlConnection> OpenDatabaseAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = Name };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Starts a real <c>ingest worker</c> process on this fleet's virtual host and schema, with settings of its own if given.</summary>
    public Process StartWorkerProcess(string workerId, IReadOnlyDictionary<string, string?>? overrides = null) =>
        StartIngestProcess(["worker", "--worker-id", workerId], overrides);

    /// <summary>Starts a long-running <c>ingest</c> command (a worker, the console) on this fleet, stopped when the fleet is disposed.</summary>
    public Process StartIngestProcess(string[] arguments, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var info = IngestStartInfo(arguments);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                _workerLog.Enqueue(text);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    /// <summary>Runs an <c>ingest</c> command as its own process; returns its exit code and standard output.</summary>
    public Task<(int ExitCode, string Output)> RunIngestAsync(params string[] arguments) => RunIngestWithInputAsync(standardInput: null, arguments);

    /// <summary>
    /// Runs an <c>ingest</c> command as its own process with <paramref name="standardInput"/> written to it (passwords for
    /// <c>--password-stdin</c>, one a line); returns its exit code and standard output. A name of its own, because with
    /// two <c>params</c> overloads <c>RunIngestAsync("dlq", "list")</c> would bind "dlq" to the standard input.
    /// </summary>
    public async Task<(int ExitCode, string Output)> RunIngestWithInputAsync(string? standardInput, params string[] arguments)
    {
        var info = IngestStartInfo(arguments);
        info.RedirectStandardInput = true;
        using var process = Process.Start(info)!;
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        await _host.StopAsync();
        _host.Dispose();
        await _management.DeleteVirtualHostAsync(VirtualHost);
        _management.Dispose();
        await using (var connection = await OpenSuperuserDatabaseAsync())
        await using (var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        if (Directory.Exists(ContentRoot))
        {
            foreach (var file in Directory.EnumerateFiles(ContentRoot, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(ContentRoot, recursive: true);
        }
    }

    private ProcessStartInfo IngestStartInfo(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ingest.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return info;
    }
}
