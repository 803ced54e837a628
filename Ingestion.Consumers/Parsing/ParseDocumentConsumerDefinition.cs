using Ingestion.Contracts;
using Ingestion.Messaging.Fleet;

namespace Ingestion.Consumers.Parsing;

/// <summary>
/// The <c>parse-document</c> endpoint. When the retry schedule runs out MassTransit moves the message to
/// <c>parse-document_error</c> with its fault headers and publishes <c>Fault&lt;ParseDocument&gt;</c>, which
/// rejects the document with <c>PARSER_FAILURE</c>.
/// </summary>
internal sealed class ParseDocumentConsumerDefinition() : StageConsumerDefinition<ParseDocumentConsumer, ParseDocument>(
    "parse", FleetQueues.ParseDocument, m => new StageDocument(m.CorrelationId, m.PacketId, m.SiteId, m.Sha256));
