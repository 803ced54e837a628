using Ingestion.Contracts;
using Ingestion.Messaging.Fleet;

namespace Ingestion.Consumers.Archive;

/// <summary>The <c>archive-document</c> endpoint; an exhausted schedule rejects the document with <c>ARCHIVE_FAILURE</c>.</summary>
internal sealed class ArchiveDocumentConsumerDefinition() : StageConsumerDefinition<ArchiveDocumentConsumer, ArchiveDocument>(
    Stages.Archive, FleetQueues.ArchiveDocument, m => new StageDocument(m.CorrelationId, m.PacketId, m.SiteId, m.Document.Sha256));
