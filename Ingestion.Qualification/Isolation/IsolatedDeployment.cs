using System.Diagnostics;
using Ingestion.Messaging.Broker;
using Ingestion.Operations.DeadLetters;
using Ingestion.Persistence.Database;
using Ingestion.Saga.Packets;
using Ingestion.Samples;
using Ingestion.Site.Submission;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Qualification.Isolation;

/// <summary>
/// One isolated deployment on the shared broker and database: its own virtual host, schema, content store and signing
/// key, a client host to submit and query with, and real <c>ingest worker</c> processes. Dropped on dispose unless the
/// environment keeps namespaces.
/// </summary>
internal sealed class IsolatedDeployment : IAsyncDisposable
{
    private readonly ValidationEnvironment _environment;
    private readonly Dictionary<string, string?> _workerSettings;
    private readonly IHost _client;
    private readonly RabbitMqManagementClient _management;
    private readonly HttpClient _administrationHttp = RabbitMqManagementClient.CreateHttpClient();
    private readonly RabbitMqManagementClient _administration;
    private readonly List<WorkerProcess> _workers = [];

    private IsolatedDeployment(ValidationEnvironment environment, string name, string contentRoot, Dictionary<string, string?> workerSettings, IHost client)
    {
        _environment = environment;
        Name = name;
        ContentRoot = contentRoot;
        _workerSettings = workerSettings;
        _client = client;
        _management = client.Services.GetRequiredService<RabbitMqManagementClient>();
        var broker = client.Services.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
        _administration = environment.BrokerAdministrator is { } administrator
            ? new RabbitMqManagementClient(_administrationHttp, Options.Create(Administrator(broker, administrator.Username, administrator.Password)))
            : _management;
    }

    /// <summary>Raised for every line a worker logs: worker id, line.</summary>
    public event Action<string, string>? WorkerLogged;

    /// <summary>The schema and virtual host.</summary>
    public string Name { get; }

    public string ContentRoot { get; }

    public IServiceProvider Services => _client.Services;

    public IReadOnlyList<WorkerProcess> Workers => _workers;

    /// <summary>The folder of the workers' log files; kept when the namespace is dropped.</summary>
    public string WorkerLogs => Path.Combine(_environment.WorkRoot, "worker-logs", Name);

    /// <summary>
    /// Creates the namespace: virtual host, schema (migrated), content root, and a started client host.
    /// <paramref name="overrides"/> apply to the client and the workers, <paramref name="workerOverrides"/> to the workers only.
    /// </summary>
    public static async Task<IsolatedDeployment> StartAsync(
        ValidationEnvironment environment,
        string purpose,
        IReadOnlyDictionary<string, string?>? overrides = null,
        IReadOnlyDictionary<string, string?>? workerOverrides = null,
        CancellationToken cancellationToken = default)
    {
        var name = NamespaceName.New(purpose);
        var contentRoot = Path.Combine(environment.WorkRoot, name);
        var settings = new Dictionary<string, string?>(environment.Settings, StringComparer.OrdinalIgnoreCase)
        {
            ["Ingestion:RabbitMq:VirtualHost"] = name,
            ["Ingestion:Database:Schema"] = name,
            ["Ingestion:ContentStore:Root"] = Path.Combine(contentRoot, "content"),
            ["Ingestion:Audit:SigningKeyPath"] = Path.Combine(contentRoot, "keys", "ledger-signing.pem"),
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // The client migrates the namespace as its owner; the workers never hold the owner's credentials.
        var workerSettings = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase)
        {
            ["Ingestion:Database:OwnerConnectionString"] = null,
        };
        foreach (var (key, value) in workerOverrides ?? new Dictionary<string, string?>())
        {
            workerSettings[key] = value;
        }

        var client = environment.ClientHost(settings);
        var deployment = new IsolatedDeployment(environment, name, contentRoot, workerSettings, client);
        try
        {
            await deployment.CreateVirtualHostAsync(cancellationToken);
            // The namespace is the run's own: it is set up as its owner, as `ingest migrate` would; its workers only check the version.
            await client.Services.MigrateSchemaAsync(cancellationToken);
            await client.StartAsync(cancellationToken);
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }

        return deployment;
    }

    /// <summary>
    /// Starts <paramref name="count"/> workers with every role side by side and waits until each reports started. Their
    /// logs go to <see cref="WorkerLogs"/>, which outlives the namespace.
    /// </summary>
    public async Task StartWorkersAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var starting = new List<WorkerProcess>();
        for (var i = 1; i <= count; i++)
        {
            var workerId = $"{Name}-worker-{_workers.Count + 1}";
            var worker = WorkerProcess.Start(_environment.Launcher, workerId, _workerSettings, Path.Combine(WorkerLogs, $"{workerId}.log"));
            // Tracked before it is awaited, so that disposing the deployment stops it whatever happens next.
            _workers.Add(worker);
            starting.Add(worker);
            worker.Logged += (id, line) => WorkerLogged?.Invoke(id, line);
        }

        try
        {
            await Task.WhenAll(starting.Select(w => w.WaitUntilStartedAsync(timeout, cancellationToken)));
        }
        catch (TimeoutException exception)
        {
            throw new ValidationRunException(exception.Message, exception) { TimedOut = true };
        }
        catch (InvalidOperationException exception)
        {
            throw new ValidationRunException(exception.Message, exception);
        }
    }

    /// <summary>Submits every packet folder of a dataset, in folder order; returns their packet ids.</summary>
    public async Task<IReadOnlyList<Guid>> SubmitAsync(IEnumerable<string> packetFolders, CancellationToken cancellationToken)
    {
        var packets = new List<Guid>();
        foreach (var folder in packetFolders)
        {
            using var scope = Services.CreateScope();
            var packet = await scope.ServiceProvider.GetRequiredService<PacketSubmitter>()
                .SubmitAsync(folder, Path.GetFileName(folder), SamplePacketWriter.Study, "validation", cancellationToken: cancellationToken);
            packets.Add(packet.PacketId);
        }

        return packets;
    }

    /// <summary>
    /// Waits until every document of the packets is final or waits for a reviewer, with that audited. With
    /// <paramref name="failOnDeadLetters"/>, a message in an error queue ends the wait at once: that document would
    /// otherwise wait for an operator, and the run is no longer a clean one.
    /// </summary>
    /// <exception cref="ValidationRunException">The deadline passed, or a message was dead-lettered; the message says which and why.</exception>
    public async Task WaitSettledAsync(IReadOnlyCollection<Guid> packetIds, TimeSpan timeout, CancellationToken cancellationToken, bool failOnDeadLetters = true)
    {
        var queries = Services.GetRequiredService<PacketStatusQueries>();
        var clock = Stopwatch.StartNew();
        var nextDeadLetterCheck = TimeSpan.FromSeconds(2);
        while (true)
        {
            if (failOnDeadLetters && clock.Elapsed > nextDeadLetterCheck)
            {
                nextDeadLetterCheck = clock.Elapsed + TimeSpan.FromSeconds(5);
                if (await DeadLettersAsync(cancellationToken) is { Count: > 0 } letters)
                {
                    throw new ValidationRunException(
                        $"{letters.Count} message(s) dead-lettered in {Name}, so not every document can settle without an operator: " +
                        string.Join("; ", letters.Take(3).Select(DeadLetterSummary)));
                }
            }

            var packets = await queries.PacketsAsync(packetIds, cancellationToken);
            if (packets.Count == packetIds.Count && packets.All(p => p.Settled))
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                var total = packets.Sum(p => p.DocumentCount);
                var settled = packets.Sum(p => Math.Min(p.FinalCount + p.InReviewCount, p.AuditedCount));
                throw new ValidationRunException(
                    $"Timed out after {timeout.TotalSeconds:F0} s: {packets.Count} of {packetIds.Count} packets taken in, {settled} of {total} documents settled and audited in {Name}.")
                {
                    TimedOut = true,
                };
            }

            if (_workers.Count > 0 && _workers.All(w => w.HasExited))
            {
                throw new ValidationRunException($"Every worker of {Name} exited; the last one logged:{Environment.NewLine}{_workers[^1].RecentLog}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Messages ready or being handled in the namespace's queues, error and skipped queues aside.</summary>
    public async Task<long> WorkInFlightAsync(CancellationToken cancellationToken) =>
        (await _management.QueuesAsync(Name, cancellationToken))
            .Where(q => !q.Name.EndsWith("_error", StringComparison.Ordinal) && !q.Name.EndsWith("_skipped", StringComparison.Ordinal))
            .Sum(q => q.Messages);

    /// <summary>The namespace's error queues, for the dead-letter tooling.</summary>
    public Task<DeadLetterQueues> ConnectDeadLettersAsync(CancellationToken cancellationToken) =>
        DeadLetterQueues.ConnectAsync(Services.GetRequiredService<IOptions<RabbitMqOptions>>().Value, _management, cancellationToken);

    /// <summary>Every message in the namespace's error queues, read without taking it.</summary>
    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(CancellationToken cancellationToken)
    {
        await using var queues = await ConnectDeadLettersAsync(cancellationToken);
        var letters = new List<DeadLetter>();
        foreach (var queue in await queues.ErrorQueuesAsync(cancellationToken))
        {
            letters.AddRange(await queues.PeekAsync(queue, DeadLetterFilter.All, cancellationToken));
        }

        return letters;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_workers.Select(w => w.DisposeAsync().AsTask()));

        if (_environment.KeepNamespaces)
        {
            await _client.StopAsync();
            _client.Dispose();
            await _environment.Progress.WriteLineAsync($"  kept namespace {Name}: schema and virtual host {Name}, content under {ContentRoot}");
            return;
        }

        await DropSchemaAsync();
        await _client.StopAsync();
        await _administration.DeleteVirtualHostAsync(Name, CancellationToken.None);
        _administrationHttp.Dispose();
        _client.Dispose();
        DeleteContent();
    }

    private static string DeadLetterSummary(DeadLetter letter)
    {
        var message = letter.Headers.FirstOrDefault(h => h.Key == "MT-Fault-Message").Value ?? string.Empty;
        return $"{letter.Queue}: {letter.ExceptionType} {message.Split('\n')[0]}";
    }

    private async Task DropSchemaAsync()
    {
        // Where the fleet's role owns nothing, the schema's owner (who migrated it) drops it.
        var owner = Services.GetRequiredService<IConfiguration>()["Ingestion:Database:OwnerConnectionString"];
        await using var connection = string.IsNullOrWhiteSpace(owner)
            ? await Services.GetRequiredService<IngestionDatabase>().OpenAsync()
            : new NpgsqlConnection(owner);
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

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

    private static RabbitMqOptions Administrator(RabbitMqOptions broker, string username, string password) => new()
    {
        Host = broker.Host,
        Port = broker.Port,
        Nodes = broker.Nodes,
        ManagementPort = broker.ManagementPort,
        ManagementNodes = broker.ManagementNodes,
        VirtualHost = broker.VirtualHost,
        Username = username,
        Password = password,
    };

    // The administrator creates the virtual host; the configured user, as which the client and the workers connect, gets
    // every permission in it and nothing more.
    private async Task CreateVirtualHostAsync(CancellationToken cancellationToken)
    {
        await _administration.CreateVirtualHostAsync(Name, cancellationToken);
        if (!ReferenceEquals(_administration, _management))
        {
            var user = Services.GetRequiredService<IOptions<RabbitMqOptions>>().Value.Username;
            await _administration.GrantAsync(Name, user, ".*", ".*", ".*", cancellationToken);
        }
    }
}
