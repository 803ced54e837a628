using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Outbox;

namespace Ingestion.Saga.Packets;

/// <summary>The <c>packet-tracker</c> endpoint.</summary>
internal sealed class PacketTrackerConsumerDefinition() : DatabaseConsumerDefinition<PacketTrackerConsumer>(FleetQueues.PacketTracker);
