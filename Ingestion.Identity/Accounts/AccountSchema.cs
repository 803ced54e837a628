using Ingestion.Persistence.Database;

namespace Ingestion.Identity.Accounts;

/// <summary>
/// Accounts, their password history, console sessions and electronic signatures. An account row is never deleted and its
/// id, user name and creation never change (a trigger refuses it, for the owner too); a disabled account stays disabled.
/// Password history and signatures are append-only.
/// </summary>
internal sealed class AccountSchema : ISchemaScript
{
    public int Order => 8;

    public string Sql => """
        CREATE TABLE IF NOT EXISTS user_accounts (
            user_id uuid PRIMARY KEY,
            user_name text NOT NULL UNIQUE CHECK (user_name = lower(user_name) AND user_name ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
            printed_name text NOT NULL CHECK (length(trim(printed_name)) > 0),
            role text NOT NULL CHECK (role IN ('reviewer', 'operator', 'auditor', 'admin')),
            password_hash text NOT NULL,
            password_changed_at timestamptz NOT NULL,
            must_change_password boolean NOT NULL,
            failed_attempts integer NOT NULL DEFAULT 0,
            locked_until timestamptz,
            created_at timestamptz NOT NULL,
            created_by text NOT NULL,
            disabled_at timestamptz,
            disabled_by text
        );
        CREATE OR REPLACE FUNCTION user_accounts_keep_identity() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                RAISE EXCEPTION 'user_accounts: accounts are never deleted, only disabled' USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF NEW.user_id <> OLD.user_id OR NEW.user_name <> OLD.user_name OR NEW.created_at <> OLD.created_at
               OR NEW.created_by <> OLD.created_by THEN
                RAISE EXCEPTION 'user_accounts: an account''s id, user name and creation never change' USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF OLD.disabled_at IS NOT NULL AND (NEW.disabled_at IS NULL OR NEW.disabled_at <> OLD.disabled_at) THEN
                RAISE EXCEPTION 'user_accounts: a disabled account stays disabled' USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NEW;
        END
        $$;
        DROP TRIGGER IF EXISTS user_accounts_no_delete ON user_accounts;
        CREATE TRIGGER user_accounts_no_delete BEFORE UPDATE OR DELETE ON user_accounts
            FOR EACH ROW EXECUTE FUNCTION user_accounts_keep_identity();
        DROP TRIGGER IF EXISTS user_accounts_no_truncate ON user_accounts;
        CREATE TRIGGER user_accounts_no_truncate BEFORE TRUNCATE ON user_accounts
            FOR EACH STATEMENT EXECUTE FUNCTION user_accounts_keep_identity();

        CREATE TABLE IF NOT EXISTS password_history (
            user_id uuid NOT NULL REFERENCES user_accounts (user_id),
            password_hash text NOT NULL,
            set_at timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_password_history_user ON password_history (user_id, set_at DESC);

        CREATE TABLE IF NOT EXISTS console_sessions (
            session_id uuid PRIMARY KEY,
            user_id uuid NOT NULL REFERENCES user_accounts (user_id),
            started_at timestamptz NOT NULL,
            last_seen_at timestamptz NOT NULL,
            idle_timeout_seconds integer NOT NULL,
            expires_at timestamptz NOT NULL,
            origin text NOT NULL,
            ended_at timestamptz,
            end_reason text
        );
        CREATE INDEX IF NOT EXISTS ix_console_sessions_open ON console_sessions (user_id) WHERE ended_at IS NULL;

        CREATE TABLE IF NOT EXISTS electronic_signatures (
            signature_id uuid PRIMARY KEY,
            user_id uuid NOT NULL REFERENCES user_accounts (user_id),
            user_name text NOT NULL,
            printed_name text NOT NULL,
            role text NOT NULL,
            meaning text NOT NULL,
            signed_at timestamptz NOT NULL,
            subject_kind text NOT NULL,
            subject_id uuid NOT NULL,
            record_hash text NOT NULL CHECK (record_hash ~ '^[0-9a-f]{64}$'),
            reason text NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_electronic_signatures_subject ON electronic_signatures (subject_id);
        """ + "\n" + AppendOnlyTable.Sql("password_history", refuseTruncate: true)
        + "\n" + AppendOnlyTable.Sql("electronic_signatures", refuseTruncate: true);
}
