using Ingestion.Contracts;

namespace Ingestion.Saga.Packets;

/// <summary>A document's final outcome, read from its saga row.</summary>
internal sealed record FinalDocument(DocumentState State, string? ErrorCode, string SiteId, string DocumentId, DateTime FinalizedAt);
