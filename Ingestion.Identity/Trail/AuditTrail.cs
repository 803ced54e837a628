using Ingestion.Audit.Ledger;
using Ingestion.Audit.Staging;
using Ingestion.Contracts;
using Ingestion.Persistence.Outbox;

namespace Ingestion.Identity.Trail;

/// <summary>
/// Builds and stages the audit entries of what people do: sign-ins and their failures, lockouts, account changes,
/// electronic signatures, field corrections and the decisions they sign. The actor is the person's account
/// (<c>role:user</c>) on this process's host and process; nothing of it comes from a message. Every entry is staged in
/// the transaction of the change it records.
/// </summary>
public sealed class AuditTrail(AuditEntryFactory entries, AuditStaging staging)
{
    /// <summary>The actor for a failed sign-in under a user name that names no account.</summary>
    public const string UnknownUser = "unknown-user";

    /// <summary>A person acting through this process.</summary>
    public AuditActor Person(string actor) => entries.Person(actor);

    /// <summary>An entry about <paramref name="subject"/>, happening at <paramref name="at"/>, built by the fleet's one factory.</summary>
    public AuditEntry Entry(
        AuditSubject subject, string action, string? fromState, string toState, string outcome, string? reason, AuditActor actor,
        DateTime at, string? errorCode = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return entries.ForDocument(
            new AuditedDocument(subject.CorrelationId, subject.PacketId, subject.SiteId, subject.DocumentSha256, subject.SchemaVersion),
            action, fromState, toState, outcome, errorCode: errorCode, reason: reason, actor: actor, occurredAt: at);
    }

    /// <summary>Stages the entries in <paramref name="transaction"/>: they reach the ledger if and only if it commits.</summary>
    public Task WriteAsync(IDatabaseTransactionContext transaction, IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken) =>
        staging.StageAsync(transaction, entries, cancellationToken);
}
