using Ingestion.Contracts;

namespace Ingestion.Site.Client;

/// <summary>A packet the gateway took.</summary>
/// <param name="PacketId">The packet.</param>
/// <param name="SiteId">The site, as the credential says.</param>
/// <param name="Status"><c>accepted</c>, or <c>already-recorded</c> for the same packet sent again.</param>
/// <param name="Documents">Its documents as sent.</param>
public sealed record SubmittedPacket(Guid PacketId, string SiteId, string Status, IReadOnlyList<SubmittedDocument> Documents);
