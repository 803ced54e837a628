namespace Ingestion.Saga.Packets;

/// <summary>A packet's progress: documents final so far, documents in all, and when it completed.</summary>
internal sealed record PacketCount(int FinalCount, int DocumentCount, DateTime? CompletedAt);
