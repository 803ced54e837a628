using Ingestion.Contracts;
using Ingestion.Site.Rules;

namespace Ingestion.Saga.Intake;

/// <summary>What a packet must satisfy before any of its documents is ingested: the <see cref="SubmissionRules"/>.</summary>
public static class PacketRules
{
    /// <summary>Throws <see cref="InvalidPacketException"/> naming the first rule the packet breaks under <paramref name="limits"/> (the defaults when null).</summary>
    public static void ThrowIfInvalid(PacketSubmitted packet, IntakeLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (SubmissionRules.Check(packet, limits ?? new IntakeLimits()) is { } refusal)
        {
            throw new InvalidPacketException(packet.PacketId, refusal.Reason);
        }
    }
}
