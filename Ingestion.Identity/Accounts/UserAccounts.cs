using Ingestion.Contracts;
using Ingestion.Identity.Sessions;
using Ingestion.Identity.Trail;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ingestion.Identity.Accounts;

/// <summary>
/// Creates, lists, disables and resets accounts and changes their roles, each change made by an administrator (the very
/// first account, an administrator, by whoever installs the system) and audited in the change's transaction. Accounts are
/// never deleted and user names never reused. A disabled account, a new role or a reset password ends the account's open
/// console sessions.
/// </summary>
public sealed class UserAccounts(
    IngestionDatabase database, BusOutbox outbox, AccountPasswords passwords, PasswordPolicy policy, AuditTrail trail,
    IOptions<AccountOptions> options, TimeProvider time)
{
    private const string Active = "ACTIVE";

    /// <summary>Every account, by user name.</summary>
    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {AccountRows.Columns} FROM user_accounts ORDER BY user_name", connection);
        var accounts = new List<Account>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(AccountRows.Read(reader));
        }

        return accounts;
    }

    /// <summary>
    /// Creates an account with an initial password that its owner must change before first use. <paramref name="admin"/>
    /// is the administrator who creates it, null only for the first account of an installation, which must be an administrator
    /// (<paramref name="installer"/> names who installed it, e.g. the operating-system user).
    /// </summary>
    public async Task<AccountChange> AddAsync(
        Account? admin, string installer, string userName, string printedName, AccountRole role, string initialPassword,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(printedName);
        var name = userName.Trim().ToLowerInvariant();
        var printed = printedName.Trim();
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9][a-z0-9._-]{1,63}$"))
        {
            return AccountChange.Refused("a user name is 2 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }

        if (printed.Length == 0)
        {
            return AccountChange.Refused("the person's printed name is required: it is printed with every signature");
        }

        if (policy.Problems(name, printed, initialPassword) is { Count: > 0 } problems)
        {
            return AccountChange.Refused([.. problems.Select(p => $"the password needs {p}")]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await outbox.BeginAsync(cancellationToken);
        // One creation at a time, so that two installers cannot both create "the first" account.
        await ExecuteAsync(transaction, "LOCK TABLE user_accounts IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        string actor;
        if (admin is null)
        {
            if (await CountAsync(transaction, cancellationToken) > 0)
            {
                return AccountChange.Refused("accounts exist: an administrator must create new ones (--as)");
            }

            if (role != AccountRole.Admin)
            {
                return AccountChange.Refused("the first account must be an administrator");
            }

            actor = $"installer:{installer}";
        }
        else if (await ActiveAdminAsync(transaction, admin, cancellationToken) is { } problem)
        {
            return AccountChange.Refused(problem);
        }
        else
        {
            actor = admin.Actor;
        }

        if (await ExistsAsync(transaction, name, cancellationToken))
        {
            return AccountChange.Refused($"the user name {name} is taken (user names are never reused, also after an account is disabled)");
        }

        var userId = Guid.CreateVersion7();
        var hash = passwords.Hash(initialPassword);
        // The installer chose the first administrator's password themselves; anyone else's was chosen by an administrator.
        var mustChange = admin is not null;
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO user_accounts (user_id, user_name, printed_name, role, password_hash, password_changed_at, must_change_password, created_at, created_by)
            VALUES (@id, @name, @printed, @role, @hash, @now, @must, @now, @by)
            """, transaction.Connection, transaction.Transaction))
        {
            insert.Parameters.AddWithValue("id", userId);
            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("printed", printed);
            insert.Parameters.AddWithValue("role", AccountRoles.Name(role));
            insert.Parameters.AddWithValue("hash", hash);
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.AddWithValue("must", mustChange);
            insert.Parameters.AddWithValue("by", actor);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await RememberPasswordAsync(transaction, userId, hash, now, cancellationToken);
        var account = new Account(userId, name, printed, role, now, actor, null, 0, null, now, mustChange);
        await AuditAsync(
            transaction, account, AuditActions.AccountCreated, null, Active, AccountRoles.Name(role),
            $"{name} ({printed}) created as {AccountRoles.Name(role)}", actor, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AccountChange(account, []);
    }

    /// <summary>Disables an account for good; its open sessions end. The last active administrator cannot be disabled.</summary>
    public Task<AccountChange> DisableAsync(Account admin, string userName, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(admin, userName, async (transaction, account, now) =>
        {
            if (account.Role == AccountRole.Admin && await ActiveAdminsAsync(transaction, cancellationToken) <= 1)
            {
                return AccountChange.Refused("the last active administrator cannot be disabled");
            }

            await ExecuteAsync(transaction, "UPDATE user_accounts SET disabled_at = @now, disabled_by = @by WHERE user_id = @id", cancellationToken,
                ("now", now), ("by", admin.Actor), ("id", account.UserId));
            await ConsoleSessions.EndAllAsync(transaction, account.UserId, now, cancellationToken);
            await AuditAsync(transaction, account, AuditActions.AccountDisabled, Active, "DISABLED", "DISABLED", reason, admin.Actor, now, cancellationToken);
            return new AccountChange(account with { DisabledAt = now }, []);
        }, cancellationToken);

    /// <summary>Gives an account another role; its open sessions end. The last active administrator keeps the role.</summary>
    public Task<AccountChange> ChangeRoleAsync(Account admin, string userName, AccountRole role, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(admin, userName, async (transaction, account, now) =>
        {
            if (account.Role == role)
            {
                return AccountChange.Refused($"{account.UserName} is already {AccountRoles.Name(role)}");
            }

            if (account.Role == AccountRole.Admin && await ActiveAdminsAsync(transaction, cancellationToken) <= 1)
            {
                return AccountChange.Refused("the last active administrator keeps the role");
            }

            await ExecuteAsync(transaction, "UPDATE user_accounts SET role = @role WHERE user_id = @id", cancellationToken,
                ("role", AccountRoles.Name(role)), ("id", account.UserId));
            await ConsoleSessions.EndAllAsync(transaction, account.UserId, now, cancellationToken);
            await AuditAsync(
                transaction, account, AuditActions.RoleChanged, AccountRoles.Name(account.Role), AccountRoles.Name(role), AccountRoles.Name(role),
                reason, admin.Actor, now, cancellationToken);
            return new AccountChange(account with { Role = role }, []);
        }, cancellationToken);

    /// <summary>Sets a new initial password, which the owner must change before use, and lifts a lock; open sessions end.</summary>
    public Task<AccountChange> ResetAsync(Account admin, string userName, string newPassword, CancellationToken cancellationToken = default) =>
        ChangeAsync(admin, userName, async (transaction, account, now) =>
        {
            if (policy.Problems(account.UserName, account.PrintedName, newPassword) is { Count: > 0 } problems)
            {
                return AccountChange.Refused([.. problems.Select(p => $"the password needs {p}")]);
            }

            var hash = passwords.Hash(newPassword);
            await ExecuteAsync(transaction,
                """
                UPDATE user_accounts SET password_hash = @hash, password_changed_at = @now, must_change_password = true,
                    failed_attempts = 0, locked_until = NULL
                WHERE user_id = @id
                """, cancellationToken, ("hash", hash), ("now", now), ("id", account.UserId));
            await RememberPasswordAsync(transaction, account.UserId, hash, now, cancellationToken);
            await ConsoleSessions.EndAllAsync(transaction, account.UserId, now, cancellationToken);
            await AuditAsync(
                transaction, account, AuditActions.PasswordReset, account.IsLockedAt(now) ? "LOCKED" : Active, Active, "MUST_CHANGE_PASSWORD",
                "initial password set by an administrator; any lock lifted", admin.Actor, now, cancellationToken);
            return new AccountChange(account with { MustChangePassword = true, LockedUntil = null, FailedAttempts = 0, PasswordChangedAt = now }, []);
        }, cancellationToken);

    /// <summary>
    /// The owner changes their own password, proving the current one (a wrong one counts towards the lockout, audited).
    /// The new one must meet the policy and differ from the recent ones.
    /// </summary>
    public async Task<AccountChange> ChangePasswordAsync(
        Authenticator authenticator, string userName, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authenticator);
        var check = await authenticator.CheckAsync(
            userName, currentPassword, new PasswordCheck(AuditActions.LoginFailed, "password change"), onSuccess: null, cancellationToken);
        if (check.Account is not { } account)
        {
            return AccountChange.Refused(check.Message);
        }

        if (policy.Problems(account.UserName, account.PrintedName, newPassword) is { Count: > 0 } problems)
        {
            return AccountChange.Refused([.. problems.Select(p => $"the password needs {p}")]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await outbox.BeginAsync(cancellationToken);
        if (await UsedRecentlyAsync(transaction, account.UserId, newPassword, cancellationToken))
        {
            return AccountChange.Refused($"the password must differ from the last {options.Value.PasswordHistory} passwords");
        }

        var hash = passwords.Hash(newPassword);
        await ExecuteAsync(transaction,
            "UPDATE user_accounts SET password_hash = @hash, password_changed_at = @now, must_change_password = false WHERE user_id = @id AND disabled_at IS NULL",
            cancellationToken, ("hash", hash), ("now", now), ("id", account.UserId));
        await RememberPasswordAsync(transaction, account.UserId, hash, now, cancellationToken);
        await AuditAsync(
            transaction, account, AuditActions.PasswordChanged, Active, Active, "CHANGED", "changed by its owner", account.Actor, now,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AccountChange(account with { MustChangePassword = false, PasswordChangedAt = now }, []);
    }

    private static async Task<long> CountAsync(BusOutboxTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM user_accounts", transaction.Connection, transaction.Transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<long> ActiveAdminsAsync(BusOutboxTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM user_accounts WHERE role = 'admin' AND disabled_at IS NULL", transaction.Connection, transaction.Transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<bool> ExistsAsync(BusOutboxTransaction transaction, string userName, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM user_accounts WHERE user_name = @name", transaction.Connection, transaction.Transaction);
        command.Parameters.AddWithValue("name", userName);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    // The administrator acting must still be an active administrator when the change commits.
    private static async Task<string?> ActiveAdminAsync(BusOutboxTransaction transaction, Account admin, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT role, disabled_at IS NOT NULL FROM user_accounts WHERE user_id = @id FOR SHARE", transaction.Connection, transaction.Transaction);
        command.Parameters.AddWithValue("id", admin.UserId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && reader.GetString(0) == AccountRoles.Name(AccountRole.Admin) && !reader.GetBoolean(1)
            ? null
            : $"{admin.UserName} is not an active administrator";
    }

    private static async Task ExecuteAsync(
        BusOutboxTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, transaction.Connection, transaction.Transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Task RememberPasswordAsync(BusOutboxTransaction transaction, Guid userId, string hash, DateTime now, CancellationToken cancellationToken) =>
        ExecuteAsync(transaction, "INSERT INTO password_history (user_id, password_hash, set_at) VALUES (@id, @hash, @now)", cancellationToken,
            ("id", userId), ("hash", hash), ("now", now));

    private async Task<AccountChange> ChangeAsync(
        Account admin, string userName, Func<BusOutboxTransaction, Account, DateTime, Task<AccountChange>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await outbox.BeginAsync(cancellationToken);
        if (await ActiveAdminAsync(transaction, admin, cancellationToken) is { } problem)
        {
            return AccountChange.Refused(problem);
        }

        if (await AccountRows.LockAsync(transaction, userName, cancellationToken) is not { Account: var account })
        {
            return AccountChange.Refused($"no account {userName.Trim().ToLowerInvariant()}");
        }

        if (account.IsDisabled)
        {
            return AccountChange.Refused($"{account.UserName} is disabled; a disabled account stays disabled");
        }

        var result = await change(transaction, account, now);
        if (result.Done)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    private async Task<bool> UsedRecentlyAsync(BusOutboxTransaction transaction, Guid userId, string password, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT password_hash FROM password_history WHERE user_id = @id ORDER BY set_at DESC LIMIT @n", transaction.Connection, transaction.Transaction);
        command.Parameters.AddWithValue("id", userId);
        command.Parameters.AddWithValue("n", Math.Max(1, options.Value.PasswordHistory));
        var hashes = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                hashes.Add(reader.GetString(0));
            }
        }

        return hashes.Any(hash => passwords.Check(hash, password).Matches);
    }

    private async Task AuditAsync(
        BusOutboxTransaction transaction, Account account, string action, string? from, string to, string outcome, string reason, string actor,
        DateTime now, CancellationToken cancellationToken) =>
        await trail.WriteAsync(transaction, [trail.Entry(
            AuditSubject.Of(account.UserId), action, from, to, outcome, $"{account.UserName}: {reason}", trail.Person(actor), now)], cancellationToken);
}
