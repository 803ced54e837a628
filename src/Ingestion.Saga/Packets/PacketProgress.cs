namespace Ingestion.Saga.Packets;

/// <summary>How far a packet has come.</summary>
/// <param name="PacketId">The packet.</param>
/// <param name="SiteId">Its site.</param>
/// <param name="DocumentCount">How many documents it holds.</param>
/// <param name="FinalCount">How many of them are final.</param>
/// <param name="CompletedAt">When the last became final, if all have.</param>
public sealed record PacketProgress(Guid PacketId, string SiteId, int DocumentCount, int FinalCount, DateTime? CompletedAt);
