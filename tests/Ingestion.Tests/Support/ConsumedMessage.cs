namespace Ingestion.Tests.Support;

/// <summary>One consumed message as <see cref="ConsumedMessages{TMessage}"/> saw it.</summary>
internal sealed record ConsumedMessage(Guid? MessageId, Guid? CorrelationId, IReadOnlyDictionary<string, string?> Headers);
