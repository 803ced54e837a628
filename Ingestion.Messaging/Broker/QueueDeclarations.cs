using System.Collections.Concurrent;
using System.Globalization;
using MassTransit;
using MassTransit.RabbitMqTransport.Topology;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Messaging.Broker;

/// <summary>
/// What each queue of the fleet is declared with: <see cref="QueueArguments"/> for the configured queue type, except
/// where the queue already exists otherwise. RabbitMQ refuses to redeclare a queue with other arguments
/// (<c>PRECONDITION_FAILED</c>) and cannot change one in place, so a fleet configured for quorum queues that starts on a
/// deployment of classic ones (or with another delivery limit) keeps each existing queue as it is, warns once per queue
/// that a migration is due, and declares only new queues the configured way.
/// </summary>
public sealed class QueueDeclarations
{
    private readonly RabbitMqOptions _options;
    private readonly RabbitMqManagementClient _management;
    private readonly ILogger<QueueDeclarations> _logger;
    private readonly ConcurrentDictionary<string, QueueDescription> _existing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.Ordinal);
    private readonly Lazy<Task> _load;

    /// <summary>Creates the declarations of the configured broker's virtual host.</summary>
    public QueueDeclarations(IOptions<RabbitMqOptions> options, RabbitMqManagementClient management, ILogger<QueueDeclarations> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _management = management;
        _logger = logger;
        _load = new Lazy<Task>(ReadExistingAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Reads the virtual host's queues once, through the management API; without it, every queue is taken to be new.</summary>
    public Task LoadAsync(CancellationToken cancellationToken) => _load.Value.WaitAsync(cancellationToken);

    /// <summary>
    /// <see cref="LoadAsync"/>, blocking: MassTransit builds the bus, queue arguments included, while the host constructs
    /// its hosted services, before any of them starts, so the existing queues must be known by then.
    /// </summary>
    public void Load() => Task.Run(() => LoadAsync(CancellationToken.None)).GetAwaiter().GetResult();

    /// <summary>The arguments of a work queue.</summary>
    public IReadOnlyDictionary<string, object> WorkQueue(string queue) => Resolve(queue, QueueArguments.Work(_options, queue));

    /// <summary>The arguments of an error or skipped queue.</summary>
    public IReadOnlyDictionary<string, object> HeldQueue(string queue) => Resolve(queue, QueueArguments.Held(_options, queue));

    /// <summary>The arguments of a wait queue of <paramref name="inputQueue"/>.</summary>
    public IReadOnlyDictionary<string, object> WaitQueue(string waitQueue, string inputQueue, int delayMs) =>
        Resolve(waitQueue, QueueArguments.Wait(_options, inputQueue, delayMs));

    /// <summary>
    /// Reads one queue again, after a declaration with <paramref name="declared"/> was refused: another process (of a
    /// fleet part-way through changing its settings) declared it since this one started. Returns what to declare now.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, object>> RefreshAsync(
        string queue, IReadOnlyDictionary<string, object> declared, CancellationToken cancellationToken)
    {
        if (await _management.QueueAsync(_options.VirtualHost, queue, cancellationToken) is { } found)
        {
            _existing[queue] = found;
        }

        return Resolve(queue, declared);
    }

    /// <summary>Declares a receive endpoint's queue with its arguments (a <see cref="MassTransit"/> endpoint callback).</summary>
    public void ApplyToEndpoint(IRabbitMqReceiveEndpointConfigurator endpoint, string queue)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        foreach (var (key, value) in WorkQueue(queue))
        {
            endpoint.SetQueueArgument(key, value);
        }
    }

    /// <summary>
    /// Declares an endpoint's <c>_error</c> or <c>_skipped</c> queue with its arguments (MassTransit's error and
    /// dead-letter settings). MassTransit starts them from the input queue's arguments, whose delivery limit and
    /// dead-letter route (to the error queue itself) would turn them into work queues; so they are replaced by a held
    /// queue's, whose one route leads back to the input queue. Non-durable queues (the bus's own
    /// temporary endpoint) are left alone: a quorum queue must be durable.
    /// </summary>
    public void ApplyToHeldQueue(IRabbitMqQueueBindingConfigurator settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings is not Queue { Durable: true, AutoDelete: false } queue)
        {
            return;
        }

        foreach (var key in queue.QueueArguments.Keys.ToList())
        {
            settings.SetQueueArgument(key, null);
        }

        foreach (var (key, value) in HeldQueue(queue.QueueName))
        {
            settings.SetQueueArgument(key, value);
        }
    }

    private async Task ReadExistingAsync()
    {
        try
        {
            foreach (var queue in await _management.QueuesAsync(CancellationToken.None))
            {
                _existing[queue.Name] = queue;
            }
        }
        catch (HttpRequestException exception)
        {
            _logger.LogWarning(
                exception,
                "Could not read the existing queues of virtual host {VirtualHost}; declaring every queue as configured ({QueueType})",
                _options.VirtualHost, _options.QueueType);
        }
    }

    private IReadOnlyDictionary<string, object> Resolve(string queue, IReadOnlyDictionary<string, object> configured)
    {
        if (!_load.IsValueCreated || !_load.Value.IsCompleted)
        {
            Load();
        }

        if (!_existing.TryGetValue(queue, out var existing) || Same(existing.Arguments, configured))
        {
            return configured;
        }

        if (_warned.TryAdd(queue, true))
        {
            _logger.LogWarning(
                "Queue {Queue} exists as a {ExistingType} queue with arguments {ExistingArguments}, not as Ingestion:RabbitMq asks " +
                "(QueueType {QueueType}, DeliveryLimit {DeliveryLimit}: {ConfiguredArguments}). RabbitMQ cannot change a queue in place, so it " +
                "is kept as it is; migrate it as the README's 'Changing the queue type of a deployment' describes",
                queue, existing.Type, Describe(existing.Arguments), _options.QueueType, _options.DeliveryLimit, Describe(configured));
        }

        return existing.Arguments
            .Where(a => a.Value is not null)
            .ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal);
    }

    private static bool Same(IReadOnlyDictionary<string, object?> existing, IReadOnlyDictionary<string, object> configured) =>
        existing.Count == configured.Count
        && configured.All(c => existing.TryGetValue(c.Key, out var value) && Normal(value) == Normal(c.Value));

    // The management API gives numbers as 64-bit and RabbitMQ compares integers by value, whatever their width.
    private static string? Normal(object? value) => value switch
    {
        null => null,
        int or long or short or byte => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string Describe<T>(IReadOnlyDictionary<string, T> arguments) =>
        arguments.Count == 0 ? "{}" : "{" + string.Join(", ", arguments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {Normal(a.Value)}")) + "}";
}
