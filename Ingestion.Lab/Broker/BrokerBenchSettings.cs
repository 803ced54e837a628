using Ingestion.Messaging.Broker;

namespace Ingestion.Lab.Broker;

/// <summary>What the raw broker benchmark runs against and how much it sends.</summary>
/// <param name="Broker">The fleet's broker settings, in a virtual host of its own so that no fleet queue or binding sees its messages.</param>
/// <param name="Messages">How many messages to send and consume.</param>
/// <param name="MessageBytes">The serialized size of each message (MassTransit's JSON envelope included) to pad to.</param>
/// <param name="PrefetchCount">The consumer's prefetch, as the fleet's endpoints use.</param>
/// <param name="SendersInFlight">Sends awaiting their publisher confirm at once.</param>
/// <param name="Floor">When set, each message is handled as the durable floor handles it; otherwise it is only taken.</param>
public sealed record BrokerBenchSettings(
    RabbitMqOptions Broker,
    int Messages,
    int MessageBytes,
    int PrefetchCount,
    int SendersInFlight,
    DurableFloor? Floor = null);
