namespace Ingestion.Gateway.Packets;

/// <summary>The body of <c>POST /v1/packets</c>: the site's manifest with each document's uploaded content reference.</summary>
internal sealed record PacketRequest
{
    public Guid PacketId { get; init; }

    /// <summary>Optional; when given it must be the authenticated site.</summary>
    public string? SiteId { get; init; }

    public string? StudyId { get; init; }

    public string? SubmittedBy { get; init; }

    public IReadOnlyList<PacketRequestDocument>? Documents { get; init; }
}
