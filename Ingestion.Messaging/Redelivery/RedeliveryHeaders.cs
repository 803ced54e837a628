using System.Globalization;
using System.Text;
using MassTransit;

namespace Ingestion.Messaging.Redelivery;

/// <summary>The headers a redelivered message carries, beside its original AMQP properties and headers.</summary>
public static class RedeliveryHeaders
{
    /// <summary>How many times the message has been redelivered through a wait queue (1 on the first copy).</summary>
    public const string Count = "x-ingestion-redelivery";

    /// <summary>The MassTransit message id, unchanged across redeliveries.</summary>
    public const string MessageId = "x-ingestion-message-id";

    /// <summary>The MassTransit correlation id (the document's), unchanged across redeliveries.</summary>
    public const string CorrelationId = "x-ingestion-correlation-id";

    /// <summary>The SHA-256 of the message body, hex, so that an operator can tell the copy is the original.</summary>
    public const string PayloadSha256 = "x-ingestion-payload-sha256";

    /// <summary>The wait queue the copy passed through.</summary>
    public const string WaitQueue = "x-ingestion-wait-queue";

    /// <summary>The fault that sent the message to the wait queue.</summary>
    public const string Reason = "x-ingestion-redelivery-reason";

    /// <summary>The redeliveries so far of the message being consumed; 0 for a first delivery.</summary>
    public static int RedeliveryCount(this ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.ReceiveContext.TransportHeaders.TryGetHeader(Count, out var value))
        {
            return 0;
        }

        // RabbitMQ hands back an int as an int, but a header written by another client may arrive as text.
        return value switch
        {
            int n => n,
            long n => (int)n,
            byte[] bytes when int.TryParse(Encoding.UTF8.GetString(bytes), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => 0,
        };
    }
}
