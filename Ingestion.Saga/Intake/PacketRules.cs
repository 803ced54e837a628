using Ingestion.Contracts;

namespace Ingestion.Saga.Intake;

/// <summary>What a packet must satisfy before any of its documents is ingested.</summary>
public static class PacketRules
{
    /// <summary>Throws <see cref="InvalidPacketException"/> naming the first rule the packet breaks.</summary>
    public static void ThrowIfInvalid(PacketSubmitted packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (packet.PacketId == Guid.Empty)
        {
            throw new InvalidPacketException(packet.PacketId, "the packet id is empty");
        }

        if (string.IsNullOrWhiteSpace(packet.SiteId) || string.IsNullOrWhiteSpace(packet.StudyId))
        {
            throw new InvalidPacketException(packet.PacketId, "the site id and study id are required");
        }

        if (packet.Documents is null || packet.Documents.Count == 0)
        {
            throw new InvalidPacketException(packet.PacketId, "the packet holds no documents");
        }

        var duplicate = packet.Documents.GroupBy(d => d.DocumentId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidPacketException(packet.PacketId, $"document id '{duplicate.Key}' appears {duplicate.Count()} times");
        }

        var unnamed = packet.Documents.FirstOrDefault(d => string.IsNullOrWhiteSpace(d.DocumentId));
        if (unnamed is not null)
        {
            throw new InvalidPacketException(packet.PacketId, $"document '{unnamed.FileName}' has no document id");
        }
    }
}
