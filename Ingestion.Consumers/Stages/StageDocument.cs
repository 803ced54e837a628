namespace Ingestion.Consumers;

/// <summary>Who a stage's message is about: what its span, its log lines and its metrics name.</summary>
internal readonly record struct StageDocument(Guid CorrelationId, Guid PacketId, string SiteId, string Sha256);
