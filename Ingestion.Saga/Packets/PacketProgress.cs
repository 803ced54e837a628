namespace Ingestion.Saga.Packets;

/// <summary>How far a packet has come.</summary>
/// <param name="PacketId">The packet.</param>
/// <param name="SiteId">Its site.</param>
/// <param name="DocumentCount">How many documents it holds.</param>
/// <param name="FinalCount">How many of them are final.</param>
/// <param name="AuditedCount">How many final or in-review documents have that transition on the audit trail.</param>
/// <param name="InReviewCount">How many wait for a reviewer.</param>
/// <param name="CompletedAt">When the last became final, if all have.</param>
public sealed record PacketProgress(
    Guid PacketId, string SiteId, int DocumentCount, int FinalCount, int AuditedCount, int InReviewCount, DateTime? CompletedAt)
{
    /// <summary>Every document is final and its final transition is on the audit trail.</summary>
    public bool Final => FinalCount == DocumentCount && AuditedCount == DocumentCount;

    /// <summary>Every document is final or waits for a reviewer, and that is on the audit trail: nothing is in flight.</summary>
    public bool Settled => FinalCount + InReviewCount == DocumentCount && AuditedCount == DocumentCount;
}
