using Ingestion.Contracts;
using Ingestion.Messaging.Fleet;

namespace Ingestion.Consumers.Validation;

/// <summary>The <c>validate-document</c> endpoint: transient I/O faults are retried on its schedule.</summary>
internal sealed class ValidateDocumentConsumerDefinition() : StageConsumerDefinition<ValidateDocumentConsumer, ValidateDocument>(
    "validate", FleetQueues.ValidateDocument, m => new StageDocument(m.CorrelationId, m.PacketId, m.SiteId, m.Sha256));
