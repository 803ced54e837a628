namespace Ingestion.Operations.DeadLetters;

/// <summary>Where the error queues are: the fleet's broker, passed in by the host from its own options.</summary>
public sealed record DeadLetterBroker
{
    /// <summary>Broker host.</summary>
    public required string Host { get; init; }

    /// <summary>AMQP port.</summary>
    public required int Port { get; init; }

    /// <summary>Management API port, used to find the error queues.</summary>
    public required int ManagementPort { get; init; }

    /// <summary>Virtual host of the deployment.</summary>
    public required string VirtualHost { get; init; }

    /// <summary>User name.</summary>
    public required string Username { get; init; }

    /// <summary>Password.</summary>
    public required string Password { get; init; }
}
