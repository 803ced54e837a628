namespace Ingestion.Saga.Intake;

/// <summary>A packet that breaks a packet rule; never retried, it lands in the intake's error queue with this reason.</summary>
public sealed class InvalidPacketException(Guid packetId, string reason)
    : Exception($"Packet {packetId} is invalid: {reason}.")
{
    /// <summary>The packet.</summary>
    public Guid PacketId { get; } = packetId;
}
