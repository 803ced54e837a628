using Ingestion.Contracts;
using Ingestion.Identity.Accounts;
using Ingestion.Identity.Trail;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Identity.Sessions;

/// <summary>
/// Console sessions, kept in the database so that they end for certain: after an idle limit, after an absolute limit,
/// at sign-out, or when the account is disabled, its role changes or its password is reset. Every request checks its
/// session here; opening, ending and expiring are on the audit trail.
/// </summary>
public sealed class ConsoleSessions(
    IngestionDatabase database, BusOutbox outbox, Authenticator authenticator, AuditTrail trail, IOptions<AccountOptions> options, TimeProvider time)
{
    private const string SignedIn = "SIGNED_IN";
    private const string SignedOut = "SIGNED_OUT";

    /// <summary>Checks the password and, when it is right, opens a session, both audited; returns the result and the session's id.</summary>
    public async Task<(AuthenticationResult Result, Guid? SessionId)> SignInAsync(
        string userName, string password, string origin, CancellationToken cancellationToken = default)
    {
        Guid? sessionId = null;
        var result = await authenticator.CheckAsync(
            userName, password, new PasswordCheck(AuditActions.LoginFailed, $"console sign-in from {origin}"),
            async (transaction, account, now) => sessionId = await OpenAsync(transaction, account, origin, now, cancellationToken),
            cancellationToken);
        return (result, sessionId);
    }

    /// <summary>The session's account if it is active, touching it (its idle limit starts again); ends and audits an expired one.</summary>
    public async Task<SessionCheck> CheckAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var touch = new NpgsqlCommand(
            $"""
            UPDATE console_sessions s SET last_seen_at = @now
            FROM user_accounts a
            WHERE s.session_id = @id AND a.user_id = s.user_id AND s.ended_at IS NULL AND a.disabled_at IS NULL
              AND s.last_seen_at + make_interval(secs => s.idle_timeout_seconds) > @now AND s.expires_at > @now
            RETURNING {Qualified("a")}
            """, connection))
        {
            touch.Parameters.AddWithValue("id", sessionId);
            touch.Parameters.AddWithValue("now", now);
            await using var reader = await touch.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return new SessionCheck(AccountRows.Read(reader), null);
            }
        }

        return new SessionCheck(null, await EndAsync(sessionId, reason: null, cancellationToken));
    }

    /// <summary>Ends the session at the person's request (sign-out), audited.</summary>
    public Task SignOutAsync(Guid sessionId, CancellationToken cancellationToken) => EndAsync(sessionId, SessionEndReasons.Logout, cancellationToken);

    /// <summary>Ends every open session of the account, in the transaction that changes it.</summary>
    internal static async Task EndAllAsync(BusOutboxTransaction transaction, Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE console_sessions SET ended_at = @now, end_reason = @reason WHERE user_id = @user AND ended_at IS NULL",
            transaction.Connection, transaction.Transaction);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("reason", SessionEndReasons.AccountChanged);
        command.Parameters.AddWithValue("user", userId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Qualified(string alias) =>
        string.Join(", ", AccountRows.Columns.Split(", ").Take(11).Select(column => $"{alias}.{column}"));

    private async Task<Guid> OpenAsync(BusOutboxTransaction transaction, Account account, string origin, DateTime now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var sessionId = Guid.CreateVersion7();
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO console_sessions (session_id, user_id, started_at, last_seen_at, idle_timeout_seconds, expires_at, origin)
            VALUES (@id, @user, @now, @now, @idle, @expires, @origin)
            """, transaction.Connection, transaction.Transaction))
        {
            insert.Parameters.AddWithValue("id", sessionId);
            insert.Parameters.AddWithValue("user", account.UserId);
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.AddWithValue("idle", (int)Math.Max(1, Math.Round(settings.SessionIdleMinutes * 60)));
            insert.Parameters.AddWithValue("expires", now.AddHours(settings.SessionMaxHours));
            insert.Parameters.AddWithValue("origin", origin);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await trail.WriteAsync(transaction, [trail.Entry(
            AuditSubject.Of(account.UserId), AuditActions.Login, SignedOut, SignedIn, "SUCCEEDED",
            $"console sign-in from {origin}; session {sessionId}", trail.Person(account.Actor), now)], cancellationToken);
        return sessionId;
    }

    // Ends an open session: with the given reason, or, when none is given, only if it has passed a limit. Returns why it ended.
    private async Task<string> EndAsync(Guid sessionId, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await outbox.BeginAsync(cancellationToken);
        Account account;
        string ended;
        await using (var read = new NpgsqlCommand(
            $"""
            SELECT s.ended_at, s.end_reason, s.last_seen_at + make_interval(secs => s.idle_timeout_seconds) <= @now, s.expires_at <= @now,
                   {Qualified("a")}
            FROM console_sessions s JOIN user_accounts a ON a.user_id = s.user_id
            WHERE s.session_id = @id FOR UPDATE OF s
            """, transaction.Connection, transaction.Transaction))
        {
            read.Parameters.AddWithValue("id", sessionId);
            read.Parameters.AddWithValue("now", now);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return SessionEndReasons.Unknown;
            }

            if (!reader.IsDBNull(0))
            {
                return reader.IsDBNull(1) ? SessionEndReasons.Unknown : reader.GetString(1);
            }

            account = AccountRows.Read(reader, offset: 4);
            ended = reason
                ?? (reader.GetBoolean(3) ? SessionEndReasons.MaxAge
                    : reader.GetBoolean(2) ? SessionEndReasons.IdleTimeout
                    : account.IsDisabled ? SessionEndReasons.AccountChanged
                    : string.Empty);
        }

        if (ended.Length == 0)
        {
            // Still within its limits (a request raced the check); nothing to end.
            return SessionEndReasons.Unknown;
        }

        await using (var end = new NpgsqlCommand(
            "UPDATE console_sessions SET ended_at = @now, end_reason = @reason WHERE session_id = @id", transaction.Connection, transaction.Transaction))
        {
            end.Parameters.AddWithValue("id", sessionId);
            end.Parameters.AddWithValue("now", now);
            end.Parameters.AddWithValue("reason", ended);
            await end.ExecuteNonQueryAsync(cancellationToken);
        }

        var action = ended == SessionEndReasons.Logout ? AuditActions.Logout : AuditActions.SessionExpired;
        await trail.WriteAsync(transaction, [trail.Entry(
            AuditSubject.Of(account.UserId), action, SignedIn, SignedOut, ended, $"session {sessionId}", trail.Person(account.Actor), now)],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ended;
    }
}
