namespace Ingestion.Messaging.Broker;

/// <summary>The broker's management API, read from the same <c>Ingestion:RabbitMq</c> section as the bus settings.</summary>
public sealed class BrokerManagementOptions
{
    /// <summary>The configuration section (shared with the bus).</summary>
    public const string Section = "Ingestion:RabbitMq";

    /// <summary>Broker host.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Management API port.</summary>
    public int ManagementPort { get; set; } = 15673;

    /// <summary>Virtual host.</summary>
    public string VirtualHost { get; set; } = "/";

    /// <summary>User name.</summary>
    public string Username { get; set; } = "guest";

    /// <summary>Password.</summary>
    public string Password { get; set; } = "guest";
}
