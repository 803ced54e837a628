using Ingestion.Persistence.Database;

namespace Ingestion.Site.Registry;

/// <summary>
/// The sites, their credentials (only the SHA-256 of each token), the content each site uploaded, the packets the gateway
/// recorded for a site, and every refused submission. A site is never deleted, so a disabled id can never be added again.
/// </summary>
internal sealed class SiteSchema : ISchemaScript
{
    public int Order => 5;

    public string Sql { get; } = """
        CREATE TABLE IF NOT EXISTS sites (
            site_id text PRIMARY KEY,
            added_at timestamptz NOT NULL,
            added_by text NOT NULL,
            disabled_at timestamptz,
            disabled_by text,
            disable_reason text
        );
        CREATE TABLE IF NOT EXISTS site_credentials (
            token_sha256 bytea PRIMARY KEY,
            site_id text NOT NULL REFERENCES sites (site_id),
            issued_at timestamptz NOT NULL,
            issued_by text NOT NULL,
            revoked_at timestamptz
        );
        CREATE UNIQUE INDEX IF NOT EXISTS site_credentials_one_live ON site_credentials (site_id) WHERE revoked_at IS NULL;
        CREATE TABLE IF NOT EXISTS site_content (
            site_id text NOT NULL,
            sha256 text NOT NULL,
            size_bytes bigint NOT NULL,
            uploaded_at timestamptz NOT NULL,
            PRIMARY KEY (site_id, sha256)
        );
        CREATE TABLE IF NOT EXISTS site_packets (
            packet_id uuid PRIMARY KEY,
            site_id text NOT NULL,
            fingerprint text NOT NULL,
            document_count integer NOT NULL,
            recorded_at timestamptz NOT NULL,
            recorded_by text NOT NULL
        );
        CREATE TABLE IF NOT EXISTS submission_refusals (
            refusal_id uuid PRIMARY KEY,
            refused_at timestamptz NOT NULL,
            stage text NOT NULL,
            site_id text NOT NULL,
            claimed_site_id text,
            packet_id uuid,
            code text NOT NULL,
            reason text NOT NULL,
            remote_address text
        );
        CREATE INDEX IF NOT EXISTS submission_refusals_site ON submission_refusals (site_id, refused_at);
        """
        + AppendOnlyTable.Sql("site_content")
        + AppendOnlyTable.Sql("site_packets")
        + AppendOnlyTable.Sql("submission_refusals");
}
