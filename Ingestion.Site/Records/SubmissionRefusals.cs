using Ingestion.Contracts;
using Ingestion.Persistence.Outbox;
using Ingestion.Site.Registry;
using Ingestion.Site.Rules;
using MassTransit;
using Npgsql;

namespace Ingestion.Site.Records;

/// <summary>
/// Keeps every refused submission on the record: a row of the append-only <c>submission_refusals</c> and an audit entry,
/// in one transaction. Site-supplied text in it is escaped; the site is always the authenticated one.
/// </summary>
public sealed class SubmissionRefusals(BusOutbox outbox, SiteAudit audit)
{
    /// <summary>Records a refusal in a transaction of its own; returns its id.</summary>
    public async Task<Guid> RecordAsync(RefusedSubmission refused, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await outbox.BeginAsync(cancellationToken);
        var id = await InsertAsync(transaction, refused, cancellationToken);
        await audit.RecordAsync(transaction, FactOf(id, refused), actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Writes the refusal's row in the caller's transaction; the caller records <see cref="FactOf"/> with it.</summary>
    public static async Task<Guid> InsertAsync(IDatabaseTransactionContext transaction, RefusedSubmission refused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(refused);
        var id = NewId.NextGuid();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO submission_refusals (refusal_id, refused_at, stage, site_id, claimed_site_id, packet_id, code, reason, remote_address)
            VALUES (@id, now(), @stage, @site, @claimed, @packet, @code, @reason, @remote)
            """, transaction.Connection, transaction.Transaction);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("stage", refused.Stage);
        insert.Parameters.AddWithValue("site", refused.SiteId);
        insert.Parameters.AddWithValue("claimed", (object?)Escaped(refused.ClaimedSiteId) ?? DBNull.Value);
        insert.Parameters.AddWithValue("packet", (object?)refused.PacketId ?? DBNull.Value);
        insert.Parameters.AddWithValue("code", refused.Refusal.Code);
        insert.Parameters.AddWithValue("reason", PrintableText.Escape(refused.Refusal.Reason, 1000));
        insert.Parameters.AddWithValue("remote", (object?)refused.RemoteAddress ?? DBNull.Value);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    /// <summary>The audit entry of refusal <paramref name="id"/>.</summary>
    public static SiteAuditFact FactOf(Guid id, RefusedSubmission refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var claimed = refused.ClaimedSiteId is { } site && site != refused.SiteId ? $" (named site '{Escaped(site)}')" : string.Empty;
        return new SiteAuditFact(
            AuditActions.SubmissionRefused, refused.SiteId, refused.Stage.ToUpperInvariant(), "REFUSED", "REFUSED",
            PrintableText.Escape(refused.Refusal.Reason, 1000) + claimed, refused.Refusal.Code, refused.PacketId, id);
    }

    private static string? Escaped(string? text) => text is null ? null : PrintableText.Escape(text, 64);
}
