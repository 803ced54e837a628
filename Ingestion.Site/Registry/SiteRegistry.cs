using System.Security.Cryptography;
using System.Text;
using Ingestion.Contracts;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using Ingestion.Site.Rules;
using Npgsql;

namespace Ingestion.Site.Registry;

/// <summary>
/// The sites and their credentials. A credential is a bearer token of 256 random bits, shown once when it is issued and
/// kept only as its SHA-256; a site has at most one live token. Sites are disabled, never deleted, so a disabled id can
/// never be added again. Every change is audited in its own transaction.
/// </summary>
public sealed class SiteRegistry(IngestionDatabase database, BusOutbox outbox, SiteAudit audit)
{
    private const string TokenPrefix = "ist_";

    /// <summary>Adds a site and issues its first token.</summary>
    /// <exception cref="SiteRegistryException">The id is malformed, or was ever used.</exception>
    public async Task<string> AddAsync(string siteId, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!SiteIds.IsValid(siteId))
        {
            throw new SiteRegistryException(
                $"'{PrintableText.Escape(siteId)}' is not a site id: 2 to 32 upper-case letters, digits and inner hyphens, for example US-BOS-001.");
        }

        await using var transaction = await outbox.BeginAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO sites (site_id, added_at, added_by) VALUES (@site, now(), @by) ON CONFLICT (site_id) DO NOTHING",
            transaction.Connection, transaction.Transaction))
        {
            insert.Parameters.AddWithValue("site", siteId);
            insert.Parameters.AddWithValue("by", by.WorkerId);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw new SiteRegistryException(
                    $"Site {siteId} already exists or was disabled; a site id is never reused (use 'ingest sites rotate' for a new token).");
            }
        }

        var token = await IssueAsync(transaction, siteId, by, cancellationToken);
        await audit.RecordAsync(
            transaction, new SiteAuditFact(AuditActions.SiteAdded, siteId, "NONE", "ENABLED", "TOKEN_ISSUED", $"site added by {by.WorkerId}"), by,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    /// <summary>Issues a new token for an enabled site; the old one stops working at once.</summary>
    /// <exception cref="SiteRegistryException">No such site, or it is disabled.</exception>
    public async Task<string> RotateAsync(string siteId, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var transaction = await outbox.BeginAsync(cancellationToken);
        await LockEnabledAsync(transaction, siteId, cancellationToken);
        var revoked = await RevokeAsync(transaction, siteId, cancellationToken);
        var token = await IssueAsync(transaction, siteId, by, cancellationToken);
        await audit.RecordAsync(
            transaction,
            new SiteAuditFact(AuditActions.SiteCredentialRotated, siteId, "ENABLED", "ENABLED", "TOKEN_ISSUED", $"{revoked} token(s) revoked by {by.WorkerId}"),
            by, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    /// <summary>Disables a site for good: its token stops working and its id can never be added again.</summary>
    /// <exception cref="SiteRegistryException">No such site, or it is already disabled.</exception>
    public async Task DisableAsync(string siteId, AuditActor by, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var transaction = await outbox.BeginAsync(cancellationToken);
        await LockEnabledAsync(transaction, siteId, cancellationToken);
        await using (var disable = new NpgsqlCommand(
            "UPDATE sites SET disabled_at = now(), disabled_by = @by, disable_reason = @reason WHERE site_id = @site",
            transaction.Connection, transaction.Transaction))
        {
            disable.Parameters.AddWithValue("site", siteId);
            disable.Parameters.AddWithValue("by", by.WorkerId);
            disable.Parameters.AddWithValue("reason", reason);
            await disable.ExecuteNonQueryAsync(cancellationToken);
        }

        await RevokeAsync(transaction, siteId, cancellationToken);
        await audit.RecordAsync(
            transaction, new SiteAuditFact(AuditActions.SiteDisabled, siteId, "ENABLED", "DISABLED", "TOKEN_REVOKED", reason), by, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Every site, enabled or not, by id.</summary>
    public async Task<IReadOnlyList<SiteRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            """
            SELECT s.site_id, s.added_at, s.added_by, s.disabled_at, s.disable_reason,
                   (SELECT max(c.issued_at) FROM site_credentials c WHERE c.site_id = s.site_id AND c.revoked_at IS NULL)
            FROM sites s ORDER BY s.site_id
            """, connection);
        var sites = new List<SiteRecord>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sites.Add(new SiteRecord(
                reader.GetString(0), Utc(reader.GetDateTime(1)), reader.GetString(2), reader.IsDBNull(3) ? null : Utc(reader.GetDateTime(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : Utc(reader.GetDateTime(5))));
        }

        return sites;
    }

    /// <summary>The enabled site whose live token this is, or null: unknown, rotated, revoked or of a disabled site.</summary>
    public async Task<string?> AuthenticateAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200 || !token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            """
            SELECT c.site_id FROM site_credentials c JOIN sites s ON s.site_id = c.site_id
            WHERE c.token_sha256 = @hash AND c.revoked_at IS NULL AND s.disabled_at IS NULL
            """, connection);
        query.Parameters.AddWithValue("hash", Hash(token));
        return await query.ExecuteScalarAsync(cancellationToken) as string;
    }

    // The token carries 256 random bits, so one fast hash is enough: nothing short of the token itself finds a preimage,
    // and a lookup by hash gives away nothing about a wrong guess.
    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static async Task<string> IssueAsync(BusOutboxTransaction transaction, string siteId, AuditActor by, CancellationToken cancellationToken)
    {
        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var insert = new NpgsqlCommand(
            "INSERT INTO site_credentials (token_sha256, site_id, issued_at, issued_by) VALUES (@hash, @site, now(), @by)",
            transaction.Connection, transaction.Transaction);
        insert.Parameters.AddWithValue("hash", Hash(token));
        insert.Parameters.AddWithValue("site", siteId);
        insert.Parameters.AddWithValue("by", by.WorkerId);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return token;
    }

    private static async Task<int> RevokeAsync(BusOutboxTransaction transaction, string siteId, CancellationToken cancellationToken)
    {
        await using var revoke = new NpgsqlCommand(
            "UPDATE site_credentials SET revoked_at = now() WHERE site_id = @site AND revoked_at IS NULL", transaction.Connection, transaction.Transaction);
        revoke.Parameters.AddWithValue("site", siteId);
        return await revoke.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task LockEnabledAsync(BusOutboxTransaction transaction, string siteId, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand(
            "SELECT disabled_at IS NOT NULL FROM sites WHERE site_id = @site FOR UPDATE", transaction.Connection, transaction.Transaction);
        query.Parameters.AddWithValue("site", siteId);
        switch (await query.ExecuteScalarAsync(cancellationToken))
        {
            case null:
                throw new SiteRegistryException($"There is no site '{PrintableText.Escape(siteId)}'.");
            case true:
                throw new SiteRegistryException($"Site {siteId} is disabled; a disabled site stays disabled.");
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
