using System.Collections.Concurrent;
using System.Diagnostics;
using Ingestion.Audit.Ledger;
using Ingestion.Contracts;
using Ingestion.Hosting;
using Ingestion.Messaging.Broker;
using Ingestion.Persistence.Database;
using Ingestion.Qualification.Isolation;
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
/// told not to) and can start real <c>ingest worker</c> processes beside it (<see cref="WorkerProcess"/>, as the
/// qualification runs do). Disposing it, which a test does in <c>await using</c> whether it passed, failed an assertion
/// or timed out, stops those processes first and then drops the virtual host, schema and content store.
/// </summary>
internal sealed class Fleet : IAsyncDisposable
{
    /// <summary>The <c>ingest</c> of this build, beside the test assembly.</summary>
    public static readonly IngestLauncher Ingest = IngestLauncher.FromDirectory(AppContext.BaseDirectory);

    /// <summary>Where every worker process of the run logs, one folder per fleet; emptied when a run starts.</summary>
    public static readonly string WorkerLogRoot = Path.Combine(AppContext.BaseDirectory, "worker-logs");

    // A busy machine (2 cores shared by several test runs) can take tens of seconds to start a worker.
    private static readonly TimeSpan WorkerStartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly Infrastructure _infrastructure;
    private readonly RabbitManagement _management;
    private readonly List<WorkerProcess> _workers = [];
    private readonly List<Process> _processes = [];
    private readonly ConcurrentQueue<string> _workerLog = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly IHost _host;

    private Fleet(string name, IHost host, Dictionary<string, string?> settings, Infrastructure infrastructure)
    {
        Name = name;
        _host = host;
        _settings = settings;
        _infrastructure = infrastructure;
        _management = new RabbitManagement(infrastructure.Administrator);
    }

    public string Name { get; }

    public string VirtualHost => Name;

    public IServiceProvider Services => _host.Services;

    public string ContentRoot => _settings["Ingestion:ContentStore:Root"]!;

    /// <summary>The broker's settings for this fleet's virtual host: every node, and the fleet's user.</summary>
    public RabbitMqOptions Broker => _infrastructure.Broker(VirtualHost);

    /// <summary>
    /// The fleet's <c>Ingestion:*</c> settings, which its worker processes and <c>ingest</c> commands get as their
    /// environment: the fleet's and the ledger appender's database roles, never the schema owner's.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>The log lines (compact JSON) of the worker processes started so far.</summary>
    public IReadOnlyCollection<string> WorkerLog => _workerLog;

    /// <summary>
    /// Starts a fleet on the suite's broker and database, or on <paramref name="infrastructure"/>;
    /// <paramref name="roles"/> <see cref="FleetRoles.None"/> gives a client only.
    /// </summary>
    public static async Task<Fleet> StartAsync(
        FleetRoles roles = FleetRoles.All,
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Infrastructure? infrastructure = null)
    {
        infrastructure ??= Infrastructure.Suite;
        var name = $"t_{Guid.NewGuid():N}"[..20];
        var settings = new Dictionary<string, string?>(infrastructure.Settings)
        {
            ["Ingestion:RabbitMq:VirtualHost"] = name,
            ["Ingestion:Database:Schema"] = name,
            ["Ingestion:ContentStore:Root"] = Path.Combine(Path.GetTempPath(), "ingestion-tests", name),
            ["Ingestion:Worker:WorkerId"] = "test-worker",
            // Delayed redelivery is on in production; tests that want it turn it on with short delays.
            ["Ingestion:Redelivery:MaxRedeliveries"] = "0",
        };
        foreach (var stage in new[] { "validate-document", "parse-document", "archive-document" })
        {
            settings[$"Ingestion:Retry:Endpoints:{stage}:RetryLimit"] = "3";
            settings[$"Ingestion:Retry:Endpoints:{stage}:MinIntervalMs"] = "20";
            settings[$"Ingestion:Retry:Endpoints:{stage}:MaxIntervalMs"] = "200";
            settings[$"Ingestion:Retry:Endpoints:{stage}:IntervalDeltaMs"] = "20";
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddIngestion(roles, LogEventLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings);
        // Only the test's own set-up migrates, as the schema's owner; the fleet's processes and commands never get it.
        builder.Configuration.AddInMemoryCollection([new("Ingestion:Database:OwnerConnectionString", infrastructure.OwnerConnectionString)]);
        configureServices?.Invoke(builder.Services);
        var fleet = new Fleet(name, builder.Build(), settings, infrastructure);
        try
        {
            await fleet._management.CreateVirtualHostAsync(name);
            // The test's set-up migrates as the schema's owner, as `ingest migrate` does; the workers only check the version.
            await fleet.Services.MigrateSchemaAsync();
            await fleet._host.StartAsync();
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }

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

    /// <summary>Waits until the ledger appender has chained <paramref name="count"/> entries; chaining follows the saga's commit.</summary>
    public async Task<List<LedgerEntry>> WaitForLedgerAsync(int count, TimeSpan timeout) =>
        await Eventually.Until(() => LedgerAsync(), entries => entries.Count >= count, timeout, $"{count} audit entries");

    /// <summary>A connection as the fleet's role, which may not change the append-only tables.</summary>
    public Task<NpgsqlConnection> OpenDatabaseAsync() => OpenDatabaseAsync(_infrastructure.DatabaseConnectionString);

    /// <summary>A connection as a superuser, for tamper drills: it can disable the append-only triggers.</summary>
    public Task<NpgsqlConnection> OpenSuperuserDatabaseAsync() => OpenDatabaseAsync(_infrastructure.SuperuserConnectionString);

    /// <summary>Ready messages in one of this fleet's queues, or -1 when the queue does not exist.</summary>
    public Task<long> QueueDepthAsync(string queue) => RabbitManagement.QueueDepthAsync(Broker, queue);

    private async Task<NpgsqlConnection> OpenDatabaseAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = Name };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// Starts a real <c>ingest worker</c> process on this fleet's virtual host and schema, with settings of its own on
    /// top of the fleet's if given, and waits until it reports started. The fleet stops it when it is disposed.
    /// </summary>
    public async Task<WorkerProcess> StartWorkerAsync(string workerId, IReadOnlyDictionary<string, string?>? overrides = null, string? roles = null)
    {
        var worker = StartWorkerProcess(workerId, overrides, roles);
        await worker.WaitUntilStartedAsync(WorkerStartTimeout);
        return worker;
    }

    /// <summary>
    /// Starts a real <c>ingest worker</c> process like <see cref="StartWorkerAsync"/> but returns at once, for a test of
    /// a worker that is expected not to start or not to live long (a null setting leaves that setting out of its
    /// environment; <paramref name="roles"/> as <c>--roles</c> takes them, every role if null).
    /// </summary>
    public WorkerProcess StartWorkerProcess(string workerId, IReadOnlyDictionary<string, string?>? overrides = null, string? roles = null)
    {
        var worker = WorkerProcess.Start(Ingest, workerId, WithOverrides(overrides), Path.Combine(WorkerLogRoot, Name, $"{workerId}.log"), roles);
        lock (_workers)
        {
            // Tracked before anything else can fail, so that disposing the fleet stops it.
            _workers.Add(worker);
        }

        worker.Logged += (_, line) => _workerLog.Enqueue(line);
        return worker;
    }

    private static Dictionary<string, string?> AsOperator => new()
    {
        ["Ingestion:RabbitMq:Username"] = TestEnvironment.RabbitOperatorUser,
        ["Ingestion:RabbitMq:Password"] = TestEnvironment.RabbitOperatorPassword,
    };

    /// <summary>Runs an <c>ingest</c> command as its own process on this fleet; killed if it takes over a minute.</summary>
    public Task<IngestCommandResult> RunIngestAsync(params string[] arguments) => Ingest.RunAsync(arguments, _settings, CommandTimeout);

    /// <summary>
    /// Runs an <c>ingest</c> command as its own process with settings of its own on top of the fleet's (a null value
    /// leaves that setting out of its environment); killed if it takes over a minute.
    /// </summary>
    public Task<IngestCommandResult> RunIngestAsync(IReadOnlyDictionary<string, string?> overrides, params string[] arguments) =>
        Ingest.RunAsync(arguments, WithOverrides(overrides), CommandTimeout);

    /// <summary>Runs an <c>ingest</c> command (<c>ingest dlq</c>) as the operator's broker user instead of the fleet's.</summary>
    public Task<IngestCommandResult> RunIngestAsOperatorAsync(params string[] arguments) =>
        Ingest.RunAsync(arguments, WithOverrides(AsOperator), CommandTimeout);

    /// <summary>As <see cref="RunIngestAsOperatorAsync"/>, with <paramref name="standardInput"/> written to it.</summary>
    public Task<IngestCommandResult> RunIngestAsOperatorWithInputAsync(string standardInput, params string[] arguments) =>
        Ingest.RunAsync(arguments, WithOverrides(AsOperator), CommandTimeout, standardInput);

    /// <summary>
    /// Runs an <c>ingest</c> command as its own process on this fleet with <paramref name="standardInput"/> written to it
    /// (passwords for <c>--password-stdin</c>, one a line); killed if it takes over a minute. A name of its own, because
    /// with two <c>params</c> overloads <c>RunIngestAsync("dlq", "list")</c> would bind "dlq" to the standard input.
    /// </summary>
    public Task<IngestCommandResult> RunIngestWithInputAsync(string standardInput, params string[] arguments) =>
        Ingest.RunAsync(arguments, _settings, CommandTimeout, standardInput);

    /// <summary>
    /// Starts a long-running <c>ingest</c> command that is not a worker (the console) on this fleet, with settings of its
    /// own on top of the fleet's if given, and returns at once; what it writes to standard error joins
    /// <see cref="WorkerLog"/>. The fleet kills it when it is disposed.
    /// </summary>
    public Process StartIngestProcess(string[] arguments, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var info = Ingest.StartInfo(arguments, WithOverrides(overrides));
        info.RedirectStandardInput = true;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start ingest {string.Join(' ', arguments)}.");
        lock (_processes)
        {
            _processes.Add(process);
        }

        process.StandardInput.Close();
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                _workerLog.Enqueue(text);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Stops the worker processes first, whatever else fails, then the in-process host, and drops the virtual host, the
    /// schema and the content store. Every step runs even if one before it failed; the failures are thrown together.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var failures = new List<Exception>();
        List<WorkerProcess> workers;
        lock (_workers)
        {
            workers = [.. _workers];
        }

        await Attempt(() => Task.WhenAll(workers.Select(w => w.DisposeAsync().AsTask())), failures);
        List<Process> processes;
        lock (_processes)
        {
            processes = [.. _processes];
        }

        await Attempt(() => Task.WhenAll(processes.Select(KillAsync)), failures);
        await Attempt(
            async () =>
            {
                await _host.StopAsync();
                _host.Dispose();
            },
            failures);
        await Attempt(() => _management.DeleteVirtualHostAsync(VirtualHost), failures);
        _management.Dispose();
        await Attempt(DropSchemaAsync, failures);
        await Attempt(
            () =>
            {
                DeleteContent();
                return Task.CompletedTask;
            },
            failures);
        if (failures.Count > 0)
        {
            throw new AggregateException($"Cleaning up fleet {Name} failed.", failures);
        }
    }

    private static async Task KillAsync(Process process)
    {
        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private static async Task Attempt(Func<Task> step, List<Exception> failures)
    {
        try
        {
            await step();
        }
        catch (Exception exception)
        {
            failures.Add(exception);
        }
    }

    private Dictionary<string, string?> WithOverrides(IReadOnlyDictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?>(_settings);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task DropSchemaAsync()
    {
        await using var connection = await OpenSuperuserDatabaseAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private void DeleteContent()
    {
        if (!Directory.Exists(ContentRoot))
        {
            return;
        }

        // The content store and closed export segments are read-only by design.
        foreach (var file in Directory.EnumerateFiles(ContentRoot, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(ContentRoot, recursive: true);
    }
}
