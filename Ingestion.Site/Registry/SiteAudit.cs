using Ingestion.Contracts;
using Ingestion.Persistence.Outbox;
using MassTransit;

namespace Ingestion.Site.Registry;

/// <summary>
/// The audit entries of a site's credential and of refused submissions. Each is sent through the bus outbox in the
/// transaction of the change it records, so the change and its entry are kept together or not at all.
/// </summary>
/// <remarks>
/// AUDIT PATH (to swap when the staged audit entries reach main): today an entry is an <see cref="AuditEvent"/> sent to
/// the audit ledger's queue through the bus outbox. With entries staged in the writer's own transaction, replace the body
/// of <c>RecordAsync</c> with a call that stages the same fields in the caller's transaction; the callers do
/// not change.
/// </remarks>
public static class SiteAudit
{
    /// <summary>Action of a site added with its first credential.</summary>
    public const string SiteAdded = "SITE_ADDED";

    /// <summary>Action of a site's credential replaced by a new one.</summary>
    public const string CredentialRotated = "SITE_CREDENTIAL_ROTATED";

    /// <summary>Action of a site disabled for good.</summary>
    public const string SiteDisabled = "SITE_DISABLED";

    /// <summary>Action of a refused credential, upload, packet or packet message.</summary>
    public const string SubmissionRefused = "SUBMISSION_REFUSED";

    /// <summary>Records one entry in <paramref name="transaction"/>.</summary>
    public static async Task RecordAsync(
        BusOutboxTransaction transaction, SiteAuditFact fact, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await RecordAsync(transaction.SendEndpointProvider, fact, actor, cancellationToken);
    }

    /// <summary>Records one entry through a consumer's outbox (<paramref name="sender"/> is its consume context).</summary>
    public static async Task RecordAsync(ISendEndpointProvider sender, SiteAuditFact fact, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(fact);
        var id = fact.SubjectId ?? NewId.NextGuid();
        await sender.Send(
            new AuditEvent
            {
                EventId = NewId.NextGuid(),
                OccurredAt = DateTime.UtcNow,
                Actor = actor,
                Action = fact.Action,
                CorrelationId = id,
                PacketId = fact.PacketId ?? Guid.Empty,
                SiteId = fact.SiteId,
                DocumentSha256 = string.Empty,
                FromState = fact.FromState,
                ToState = fact.ToState,
                Outcome = fact.Outcome,
                ErrorCode = fact.ErrorCode,
                Reason = fact.Reason,
                Attempt = 1,
            },
            cancellationToken);
    }
}
