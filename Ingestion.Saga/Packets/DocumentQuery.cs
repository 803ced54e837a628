namespace Ingestion.Saga.Packets;

/// <summary>Which documents to find; every criterion given must hold.</summary>
public sealed record DocumentQuery
{
    /// <summary>Only these packets; all when empty.</summary>
    public IReadOnlyCollection<Guid> PacketIds { get; init; } = [];

    /// <summary>Only this site.</summary>
    public string? SiteId { get; init; }

    /// <summary>Only documents whose site document id contains this, ignoring case.</summary>
    public string? DocumentIdContains { get; init; }

    /// <summary>Only documents in this state machine state (e.g. <c>ManualReview</c>).</summary>
    public string? MachineState { get; init; }

    /// <summary>At most this many.</summary>
    public int Limit { get; init; } = int.MaxValue;
}
