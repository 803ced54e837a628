using Ingestion.Contracts;
using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Outbox;
using MassTransit;

namespace Ingestion.Identity.Trail;

/// <summary>
/// Builds and writes the audit entries of what people do: sign-ins and their failures, lockouts, account changes,
/// electronic signatures, field corrections and the decisions they sign. The actor is the person's account
/// (<c>role:user</c>) on this process's host and process; nothing of it comes from a message. Every entry is written in
/// the transaction of the change it records.
/// </summary>
public sealed class AuditTrail(WorkerIdentity worker)
{
    /// <summary>The actor for a failed sign-in under a user name that names no account.</summary>
    public const string UnknownUser = "unknown-user";

    /// <summary>A person acting through this process.</summary>
    public AuditActor Person(string actor) => worker.Actor with { WorkerId = actor };

    /// <summary>An entry about <paramref name="subject"/>, happening now unless <paramref name="at"/> says when.</summary>
    public static AuditEvent Entry(
        AuditSubject subject, string action, string? fromState, string toState, string outcome, string? reason, AuditActor actor,
        DateTime at, string? errorCode = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return new AuditEvent
        {
            EventId = Guid.CreateVersion7(),
            OccurredAt = at,
            Actor = actor,
            Action = action,
            CorrelationId = subject.CorrelationId,
            PacketId = subject.PacketId,
            SiteId = subject.SiteId,
            DocumentSha256 = subject.DocumentSha256,
            FromState = fromState,
            ToState = toState,
            Outcome = outcome,
            ErrorCode = errorCode,
            Reason = reason,
            SchemaVersion = subject.SchemaVersion,
            Attempt = 1,
        };
    }

    /// <summary>
    /// Writes the entries in <paramref name="transaction"/>: they reach the ledger if and only if it commits.
    /// </summary>
    /// <remarks>
    /// The one place to redirect when audit entries are staged in the writer's own transaction instead of being sent as
    /// messages: today each entry is an <see cref="AuditEvent"/> sent through the bus outbox, so it is a row of the same
    /// transaction and leaves for the <c>audit-ledger</c> queue after the commit.
    /// </remarks>
    public static async Task WriteAsync(BusOutboxTransaction transaction, IEnumerable<AuditEvent> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            await transaction.SendEndpointProvider.Send(entry, cancellationToken);
        }
    }
}
