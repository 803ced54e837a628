using Ingestion.Messaging.Fleet;
using Ingestion.Messaging.Resilience;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Parsing;

/// <summary>
/// The <c>parse-document</c> endpoint, consuming without a database transaction (it only computes). When the retry
/// budget for transient faults runs out MassTransit moves the message to <c>parse-document_error</c> with its fault
/// headers and publishes <c>Fault&lt;ParseDocument&gt;</c>, which rejects the document with <c>PARSER_FAILURE</c>; a
/// document that cannot be read is refused with its own code (<c>DocumentParseFailed</c>) instead.
/// </summary>
internal sealed class ParseDocumentConsumerDefinition(IOptionsMonitor<StageRetryOptions> retry)
    : StageConsumerDefinition<ParseDocumentConsumer>(retry, Stages.Parse, FleetQueues.ParseDocument, computesOnly: true);
