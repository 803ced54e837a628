namespace Ingestion.Saga.Packets;

/// <summary>How far a packet has come.</summary>
/// <param name="PacketId">The packet.</param>
/// <param name="SiteId">Its site.</param>
/// <param name="DocumentCount">How many documents it holds.</param>
/// <param name="FinalCount">How many of them are final.</param>
/// <param name="AuditedCount">How many final documents have their final transition on the audit trail.</param>
/// <param name="CompletedAt">When the last became final, if all have.</param>
public sealed record PacketProgress(Guid PacketId, string SiteId, int DocumentCount, int FinalCount, int AuditedCount, DateTime? CompletedAt)
{
    /// <summary>Every document is final and its final transition is on the audit trail.</summary>
    public bool AccountedFor => FinalCount == DocumentCount && AuditedCount == DocumentCount;
}
