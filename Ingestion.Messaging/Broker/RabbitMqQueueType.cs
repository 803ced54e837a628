namespace Ingestion.Messaging.Broker;

/// <summary>The kind of queue the fleet declares (<c>Ingestion:RabbitMq:QueueType</c>).</summary>
public enum RabbitMqQueueType
{
    /// <summary>RabbitMQ's classic queue: on one node, no delivery limit.</summary>
    Classic,

    /// <summary>
    /// A quorum queue: replicated over the cluster's nodes by Raft, so losing a node loses no message, with a delivery
    /// limit that takes a message that keeps killing its consumer out of the queue.
    /// </summary>
    Quorum,
}
