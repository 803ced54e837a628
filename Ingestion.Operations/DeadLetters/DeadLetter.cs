namespace Ingestion.Operations.DeadLetters;

/// <summary>One message in an error queue, as an operator sees it: who it is, why it failed, what it holds.</summary>
public sealed record DeadLetter
{
    /// <summary>The error queue holding it, for example <c>parse-document_error</c>.</summary>
    public required string Queue { get; init; }

    /// <summary>The message id (AMQP property, else the envelope's).</summary>
    public string? MessageId { get; init; }

    /// <summary>The correlation id (AMQP property, else the envelope's or its message's).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>
    /// The full name of the exception that faulted it (<c>MT-Fault-ExceptionType</c>); for a message RabbitMQ itself
    /// dead-lettered, <c>RabbitMQ</c> and its reason (<c>RabbitMQ delivery_limit</c>).
    /// </summary>
    public required string ExceptionType { get; init; }

    /// <summary>Why it is here, in a sentence: the fault's message, or what RabbitMQ's dead-lettering headers say.</summary>
    public required string Reason { get; init; }

    /// <summary>The site named by the message, or <c>-</c>.</summary>
    public required string SiteId { get; init; }

    /// <summary>The message's own error code, else the exception type's short name.</summary>
    public required string ErrorCode { get; init; }

    /// <summary>When it faulted (<c>MT-Fault-Timestamp</c>) or was dead-lettered (<c>x-death</c>), when the header is readable.</summary>
    public DateTimeOffset? FaultedAt { get; init; }

    /// <summary>Lower-case hex SHA-256 of the body bytes.</summary>
    public required string PayloadSha256 { get; init; }

    /// <summary>The document SHA-256s the message carries (one, or one per document of a packet); none when it carries none.</summary>
    public IReadOnlyList<string> DocumentHashes { get; init; } = [];

    /// <summary>Body size in bytes.</summary>
    public required int PayloadBytes { get; init; }

    /// <summary>The AMQP headers as text, in broker order (the <c>MT-Fault-*</c>, <c>MT-Reason</c> and <c>MT-Host-*</c> headers among them).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }
}
