using Ingestion.Messaging.Fleet;
using Ingestion.Messaging.Resilience;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Validation;

/// <summary>
/// The <c>validate-document</c> endpoint: transient I/O faults are retried within the stage's budget; it only computes,
/// so it consumes without a database transaction.
/// </summary>
internal sealed class ValidateDocumentConsumerDefinition(IOptionsMonitor<StageRetryOptions> retry)
    : StageConsumerDefinition<ValidateDocumentConsumer>(retry, Stages.Validate, FleetQueues.ValidateDocument, computesOnly: true);
