using Ingestion.Contracts;
using Ingestion.Messaging.Fleet;

namespace Ingestion.Consumers.Parsing;

/// <summary>
/// The <c>parse-document</c> endpoint, consuming without a database transaction (it only computes). When the retry
/// budget for transient faults runs out MassTransit moves the message to <c>parse-document_error</c> with its fault
/// headers and publishes <c>Fault&lt;ParseDocument&gt;</c>, which rejects the document with <c>PARSER_FAILURE</c>; a
/// document that cannot be read is refused with its own code (<c>DocumentParseFailed</c>) instead.
/// </summary>
internal sealed class ParseDocumentConsumerDefinition() : StageConsumerDefinition<ParseDocumentConsumer, ParseDocument>(
    Stages.Parse, FleetQueues.ParseDocument, m => new StageDocument(m.CorrelationId, m.PacketId, m.SiteId, m.Sha256), computesOnly: true);
