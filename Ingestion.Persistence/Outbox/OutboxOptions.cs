namespace Ingestion.Persistence.Outbox;

/// <summary>The durable outbox's settings, bound from <c>Ingestion:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Outbox";

    /// <summary>Messages a consumed message may send per delivery step (each step is one transaction).</summary>
    public int MessageDeliveryLimit { get; set; } = 100;

    /// <summary>How long a delivered message's inbox record is kept to recognise a duplicate of it.</summary>
    public int DuplicateDetectionWindowMinutes { get; set; } = 30;

    /// <summary>How long the record of a message that was never consumed (it faulted) is kept.</summary>
    public int UnconsumedRetentionHours { get; set; } = 168;

    /// <summary>How often the relay looks for bus-outbox messages that no sender delivered, and the cleanup runs.</summary>
    public int RelayIntervalMs { get; set; } = 1000;
}
