namespace Ingestion.Persistence.Outbox;

/// <summary>A message prepared for <c>outbox_message</c>, not yet written.</summary>
internal sealed record OutboxRow(
    OutboxOwner Owner,
    Guid MessageId,
    string ContentType,
    string MessageType,
    string Body,
    string? Headers,
    string? Properties,
    Guid? ConversationId,
    Guid? CorrelationId,
    Guid? InitiatorId,
    Guid? RequestId,
    Uri? SourceAddress,
    Uri? DestinationAddress,
    Uri? ResponseAddress,
    Uri? FaultAddress,
    DateTime SentTime,
    DateTime? EnqueueTime,
    DateTime? ExpirationTime);
