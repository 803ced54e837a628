using Ingestion.Contracts;
using Ingestion.Messaging.Fleet;

namespace Ingestion.Consumers.Validation;

/// <summary>
/// The <c>validate-document</c> endpoint: transient I/O faults are retried within the stage's budget; it only computes,
/// so it consumes without a database transaction.
/// </summary>
internal sealed class ValidateDocumentConsumerDefinition() : StageConsumerDefinition<ValidateDocumentConsumer, ValidateDocument>(
    Stages.Validate, FleetQueues.ValidateDocument, m => new StageDocument(m.CorrelationId, m.PacketId, m.SiteId, m.Sha256), computesOnly: true);
