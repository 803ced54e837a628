using Ingestion.Messaging.Fleet;
using Ingestion.Messaging.Resilience;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Parsing;

/// <summary>
/// The <c>parse-document</c> endpoint. When the retry budget runs out MassTransit moves the message to
/// <c>parse-document_error</c> with its fault headers and publishes <c>Fault&lt;ParseDocument&gt;</c>, which
/// rejects the document with <c>PARSER_FAILURE</c>.
/// </summary>
internal sealed class ParseDocumentConsumerDefinition(IOptionsMonitor<StageRetryOptions> retry)
    : StageConsumerDefinition<ParseDocumentConsumer>(retry, Stages.Parse, FleetQueues.ParseDocument);
