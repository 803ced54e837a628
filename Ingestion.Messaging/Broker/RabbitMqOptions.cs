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

    /// <summary>Broker host.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>AMQP port.</summary>
    public int Port { get; set; } = 5673;

    /// <summary>Management API port (operator commands, the compliance hold's backlog watch, validation runs, tests).</summary>
    public int ManagementPort { get; set; } = 15673;

    /// <summary>Virtual host; one per isolated deployment or test run.</summary>
    public string VirtualHost { get; set; } = "/";

    /// <summary>User name.</summary>
    public string Username { get; set; } = "guest";

    /// <summary>Password.</summary>
    public string Password { get; set; } = "guest";

    /// <summary>Messages each endpoint may hold unacknowledged.</summary>
    public int PrefetchCount { get; set; } = 32;

    /// <summary>The management API's base address.</summary>
    public Uri ManagementUri() => new($"http://{Host}:{ManagementPort}/api/");
}
