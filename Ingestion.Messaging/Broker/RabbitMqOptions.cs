namespace Ingestion.Messaging.Broker;

/// <summary>The broker: bound from <c>Ingestion:RabbitMq</c>.</summary>
public sealed class RabbitMqOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:RabbitMq";

    /// <summary>Broker host.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>AMQP port.</summary>
    public ushort Port { get; set; } = 5673;

    /// <summary>Management API port (used by operator commands and tests).</summary>
    public int ManagementPort { get; set; } = 15673;

    /// <summary>Virtual host; one per isolated deployment or test run.</summary>
    public string VirtualHost { get; set; } = "/";

    /// <summary>User name.</summary>
    public string Username { get; set; } = "guest";

    /// <summary>Password.</summary>
    public string Password { get; set; } = "guest";

    /// <summary>Messages each endpoint may hold unacknowledged.</summary>
    public ushort PrefetchCount { get; set; } = 32;
}
