namespace Ingestion.Site.Records;

/// <summary>A packet recorded for a site.</summary>
/// <param name="PacketId">The packet.</param>
/// <param name="SiteId">The site that owns the packet id.</param>
/// <param name="Fingerprint">The <see cref="PacketFingerprint"/> of what was recorded.</param>
/// <param name="DocumentCount">Its documents.</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
public sealed record RecordedPacket(Guid PacketId, string SiteId, string Fingerprint, int DocumentCount, DateTime RecordedAt);
