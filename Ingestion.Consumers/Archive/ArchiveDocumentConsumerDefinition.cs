using Ingestion.Messaging.Fleet;
using Ingestion.Messaging.Resilience;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Archive;

/// <summary>The <c>archive-document</c> endpoint; an exhausted budget rejects the document with <c>ARCHIVE_FAILURE</c>.</summary>
internal sealed class ArchiveDocumentConsumerDefinition(IOptionsMonitor<StageRetryOptions> retry)
    : StageConsumerDefinition<ArchiveDocumentConsumer>(retry, Stages.Archive, FleetQueues.ArchiveDocument);
