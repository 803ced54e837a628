using Ingestion.Audit.Ledger;
using Ingestion.Contracts;
using Ingestion.Identity.Trail;
using Ingestion.Persistence.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Identity.Accounts;

/// <summary>
/// Checks a person's password. Every failure is on the audit trail and counts towards the lockout, committed whatever the
/// caller does next; a success resets the count. A user name that names no account, a disabled account and a wrong
/// password look the same to the person and differ only on the audit trail.
/// </summary>
public sealed class Authenticator(
    BusOutbox outbox, AccountPasswords passwords, AuditTrail trail, IOptions<AccountOptions> options, TimeProvider time)
{
    private const string SignedOut = "SIGNED_OUT";

    /// <summary>Checks the password of a person running a command in their name (account administration).</summary>
    public Task<AuthenticationResult> CheckAsync(string userName, string password, string command, CancellationToken cancellationToken) =>
        CheckAsync(userName, password, new PasswordCheck(AuditActions.LoginFailed, $"command '{command}'"), onSuccess: null, cancellationToken);

    /// <summary>
    /// Checks the password in <paramref name="check"/>'s name; on success runs <paramref name="onSuccess"/> in the same
    /// transaction (a sign-in opens its session there).
    /// </summary>
    internal async Task<AuthenticationResult> CheckAsync(
        string userName, string password, PasswordCheck check, Func<BusOutboxTransaction, Account, DateTime, Task>? onSuccess,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await outbox.BeginAsync(cancellationToken);
        var found = await AccountRows.LockAsync(transaction, userName, cancellationToken);
        var entries = new List<AuditEntry>();
        AuthenticationResult result;
        if (found is not { } row)
        {
            passwords.CheckDecoy(password);
            entries.Add(Failure(check, null, "no account has this user name", now));
            result = new AuthenticationResult(AuthenticationOutcome.WrongCredentials);
        }
        else if (row.Account.IsDisabled)
        {
            passwords.CheckDecoy(password);
            entries.Add(Failure(check, row.Account, "the account is disabled", now));
            result = new AuthenticationResult(AuthenticationOutcome.WrongCredentials);
        }
        else if (row.Account.IsLockedAt(now))
        {
            passwords.CheckDecoy(password);
            entries.Add(Failure(check, row.Account, $"the account is locked until {row.Account.LockedUntil:O}", now));
            result = new AuthenticationResult(AuthenticationOutcome.LockedOut, LockedUntil: row.Account.LockedUntil);
        }
        else
        {
            var account = row.Account;
            var (matches, rehash) = passwords.Check(row.PasswordHash, password);
            if (!matches)
            {
                var failures = account.FailedAttempts + 1;
                var lockedUntil = failures >= settings.MaxFailedAttempts ? now.AddMinutes(settings.LockoutMinutes) : (DateTime?)null;
                await UpdateAsync(
                    transaction, "UPDATE user_accounts SET failed_attempts = @failures, locked_until = @until WHERE user_id = @id",
                    account.UserId, cancellationToken, ("failures", lockedUntil is null ? failures : 0), ("until", (object?)lockedUntil ?? DBNull.Value));
                entries.Add(Failure(check, account, $"wrong password (failure {failures} of {settings.MaxFailedAttempts})", now));
                if (lockedUntil is not null)
                {
                    entries.Add(trail.Entry(
                        AuditSubject.Of(account.UserId), AuditActions.AccountLocked, "ACTIVE", "LOCKED", "LOCKED",
                        $"{failures} consecutive failed password checks; locked until {lockedUntil:O}", trail.Person(account.Actor), now));
                    result = new AuthenticationResult(AuthenticationOutcome.LockedOut, LockedUntil: lockedUntil);
                }
                else
                {
                    result = new AuthenticationResult(AuthenticationOutcome.WrongCredentials);
                }
            }
            else
            {
                await UpdateAsync(
                    transaction,
                    "UPDATE user_accounts SET failed_attempts = 0, locked_until = NULL" + (rehash ? ", password_hash = @hash" : string.Empty) + " WHERE user_id = @id",
                    account.UserId, cancellationToken, ("hash", rehash ? passwords.Hash(password) : DBNull.Value));
                account = account with { FailedAttempts = 0, LockedUntil = null };
                var expired = settings.PasswordMaxAgeDays > 0 && account.PasswordChangedAt.AddDays(settings.PasswordMaxAgeDays) <= now;
                if (account.MustChangePassword || expired)
                {
                    result = new AuthenticationResult(AuthenticationOutcome.PasswordChangeRequired, account);
                }
                else
                {
                    result = new AuthenticationResult(AuthenticationOutcome.Succeeded, account);
                    if (onSuccess is not null)
                    {
                        await onSuccess(transaction, account, now);
                    }
                }
            }
        }

        await trail.WriteAsync(transaction, entries, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task UpdateAsync(
        BusOutboxTransaction transaction, string sql, Guid userId, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, transaction.Connection, transaction.Transaction);
        command.Parameters.AddWithValue("id", userId);
        foreach (var (name, value) in parameters.Where(p => sql.Contains('@' + p.Name, StringComparison.Ordinal)))
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private AuditEntry Failure(PasswordCheck check, Account? account, string why, DateTime now)
    {
        var actor = trail.Person(account?.Actor ?? AuditTrail.UnknownUser);
        var reason = $"{why}; {check.Context}";
        return check.Subject is { } subject
            ? trail.Entry(
                subject, check.FailureAction, check.SubjectState, check.SubjectState ?? "REFUSED", check.Meaning ?? "REFUSED", reason, actor, now)
            : trail.Entry(
                AuditSubject.Of(account?.UserId ?? Guid.CreateVersion7()), check.FailureAction, SignedOut, SignedOut, "REFUSED", reason, actor, now);
    }
}
