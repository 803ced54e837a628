namespace Ingestion.Contracts;

/// <summary>A site submitted an activation packet; its documents are already in the content store.</summary>
public record PacketSubmitted
{
    /// <summary>Identifies the packet; a packet published twice carries the same id.</summary>
    public required Guid PacketId { get; init; }

    /// <summary>The submitting site, for example <c>US-BOS-001</c>.</summary>
    public required string SiteId { get; init; }

    /// <summary>The study the site is being activated for, for example <c>ABC-123</c>.</summary>
    public required string StudyId { get; init; }

    /// <summary>When the site submitted the packet (UTC).</summary>
    public required DateTime SubmittedAt { get; init; }

    /// <summary>Who submitted it: the operator or system account at the site.</summary>
    public required string SubmittedBy { get; init; }

    /// <summary>The packet's documents, by reference; bytes never travel in messages.</summary>
    public required IReadOnlyList<SubmittedDocument> Documents { get; init; }
}
