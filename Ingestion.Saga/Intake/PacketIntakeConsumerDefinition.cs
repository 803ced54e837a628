using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Outbox;

namespace Ingestion.Saga.Intake;

/// <summary>The <c>packet-intake</c> endpoint: transient database faults are retried, invalid packets are not.</summary>
internal sealed class PacketIntakeConsumerDefinition() : DatabaseConsumerDefinition<PacketIntakeConsumer>(FleetQueues.PacketIntake);
