using Ingestion.Contracts;

namespace Ingestion.Operations.DeadLetters;

/// <summary>The audit event of an operator's dead-letter action: who, what, when, why and how many.</summary>
public static class DeadLetterAudit
{
    /// <summary>Action of a replay.</summary>
    public const string Replay = "DLQ_REPLAY";

    /// <summary>Action of a purge.</summary>
    public const string Purge = "DLQ_PURGE";

    /// <summary>
    /// The event of action <paramref name="actionId"/>. An operator action is its own subject, so its correlation id
    /// is its event id; it concerns no packet, site or document.
    /// </summary>
    public static AuditEvent For(
        Guid actionId, string action, string operatorName, string errorQueue, string toState, DeadLetterActionResult result, string reason)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new AuditEvent
        {
            EventId = actionId,
            OccurredAt = DateTime.UtcNow,
            Actor = new AuditActor { WorkerId = $"operator:{operatorName}", Host = Environment.MachineName, ProcessId = Environment.ProcessId },
            Action = action,
            CorrelationId = actionId,
            PacketId = Guid.Empty,
            SiteId = "-",
            DocumentSha256 = string.Empty,
            FromState = errorQueue,
            ToState = toState,
            Outcome = $"{result.Done} messages",
            ErrorCode = result.Interrupted ? "INTERRUPTED" : null,
            Reason = reason,
            Attempt = 1,
        };
    }
}
