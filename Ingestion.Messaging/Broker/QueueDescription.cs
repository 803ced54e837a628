namespace Ingestion.Messaging.Broker;

/// <summary>A queue as the management API describes it.</summary>
/// <param name="Name">The queue's name.</param>
/// <param name="Type">Its type: <c>classic</c>, <c>quorum</c> or <c>stream</c>.</param>
/// <param name="Durable">Whether it outlives a broker restart.</param>
/// <param name="Arguments">The arguments it was declared with (<c>x-…</c>); a redeclaration must repeat them.</param>
/// <param name="Messages">Messages ready and unacknowledged.</param>
/// <param name="MessagesReady">Messages waiting for a consumer.</param>
/// <param name="Consumers">Consumers attached.</param>
/// <param name="AcksPerSecond">Messages acknowledged per second, recently; 0 for an idle queue.</param>
public sealed record QueueDescription(
    string Name,
    string Type,
    bool Durable,
    IReadOnlyDictionary<string, object?> Arguments,
    long Messages,
    long MessagesReady,
    int Consumers,
    double AcksPerSecond);
