namespace Ingestion.Messaging.Broker;

/// <summary>
/// The broker, for every process and every tool: the bus, the operator commands, the management API client, the
/// validation runs and the benchmarks. Bound from <c>Ingestion:RabbitMq</c>; an unknown key or an impossible value
/// stops the process at start (<see cref="RabbitMqOptionsValidator"/>).
/// </summary>
public sealed class RabbitMqOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:RabbitMq";

    /// <summary>Broker host, when <see cref="Nodes"/> is empty.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>AMQP port, when <see cref="Nodes"/> is empty, and of any node listed without one.</summary>
    public int Port { get; set; } = 5673;

    /// <summary>
    /// The cluster's nodes, <c>host:port,host:port</c>: a process connects to the first that answers and, when that node
    /// goes, reconnects to the next. Empty: the one node <see cref="Host"/>:<see cref="Port"/>.
    /// </summary>
    public string Nodes { get; set; } = string.Empty;

    /// <summary>
    /// Management API port (operator commands, the compliance hold's backlog watch, validation runs, tests) of every node
    /// unless <see cref="ManagementNodes"/> says otherwise.
    /// </summary>
    public int ManagementPort { get; set; } = 15673;

    /// <summary>
    /// The nodes' management API, <c>host:port,host:port</c>, tried in turn. Empty: each AMQP node's host with
    /// <see cref="ManagementPort"/>.
    /// </summary>
    public string ManagementNodes { get; set; } = string.Empty;

    /// <summary>Virtual host; one per isolated deployment or test run.</summary>
    public string VirtualHost { get; set; } = "/";

    /// <summary>
    /// The broker user this process acts as: the fleet's for workers and commands, the operator's for <c>ingest dlq</c>.
    /// No default: the broker has no guest user, and a process that connects without one stops with
    /// <see cref="RequireCredentials"/>'s message. The gateway never connects and needs none.
    /// </summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>The password of <see cref="Username"/>.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>Messages each endpoint may hold unacknowledged.</summary>
    public int PrefetchCount { get; set; } = 32;

    /// <summary>
    /// The kind of the queues the fleet declares: work, saga, audit, receipt, wait, error and skipped queues. Queues that
    /// already exist keep what they are (RabbitMQ cannot change a queue in place); the fleet warns and carries on.
    /// </summary>
    public RabbitMqQueueType QueueType { get; set; } = RabbitMqQueueType.Classic;

    /// <summary>
    /// Quorum work queues only: deliveries of a message that go unacknowledged (its consumer crashed, was killed or was
    /// stopped) before RabbitMQ moves it to the queue's <c>_error</c> queue instead of delivering it again.
    /// </summary>
    public int DeliveryLimit { get; set; } = 20;

    /// <summary>Refuses to connect without a user and password, in one line that says where they come from.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Username"/> or <see cref="Password"/> is empty.</exception>
    public void RequireCredentials()
    {
        if (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(Password))
        {
            throw new InvalidOperationException(
                $"{Section}:Username and Password are not set: the broker has no default (guest) user. Each party has its own " +
                "(workers and commands the fleet's, ingest dlq the operator's); scripts/infra-up.sh writes the fleet's into .local/env.sh.");
        }
    }

    /// <summary>The AMQP nodes, in the order they are tried.</summary>
    /// <exception cref="FormatException"><see cref="Nodes"/> is not a list of host:port.</exception>
    public IReadOnlyList<BrokerNode> AmqpNodes() =>
        string.IsNullOrWhiteSpace(Nodes) ? [new BrokerNode(Host, Port)] : BrokerNode.ParseList(Nodes, Port);

    /// <summary>The management API of each node, in the order they are tried.</summary>
    /// <exception cref="FormatException"><see cref="Nodes"/> or <see cref="ManagementNodes"/> is not a list of host:port.</exception>
    public IReadOnlyList<Uri> ManagementUris() =>
        (string.IsNullOrWhiteSpace(ManagementNodes)
            ? AmqpNodes().Select(n => n with { Port = ManagementPort }).Distinct().ToList()
            : BrokerNode.ParseList(ManagementNodes, ManagementPort))
        .Select(n => new Uri($"http://{n}/api/"))
        .ToList();
}
