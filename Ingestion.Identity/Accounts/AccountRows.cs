using Ingestion.Persistence.Outbox;
using Npgsql;

namespace Ingestion.Identity.Accounts;

/// <summary>Reads <c>user_accounts</c> rows.</summary>
internal static class AccountRows
{
    public const string Columns =
        "user_id, user_name, printed_name, role, created_at, created_by, disabled_at, failed_attempts, locked_until, " +
        "password_changed_at, must_change_password, password_hash";

    /// <summary>The account under <paramref name="userName"/> (any case), with its password hash, locked for the transaction.</summary>
    public static async Task<(Account Account, string PasswordHash)?> LockAsync(
        IDatabaseTransactionContext transaction, string userName, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM user_accounts WHERE user_name = lower(@name) FOR UPDATE", transaction.Connection, transaction.Transaction);
        command.Parameters.AddWithValue("name", userName.Trim());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (Read(reader), reader.GetString(11)) : null;
    }

    /// <summary>Reads the first eleven columns of <see cref="Columns"/>, from <paramref name="offset"/>.</summary>
    public static Account Read(NpgsqlDataReader reader, int offset = 0) => new(
        reader.GetGuid(offset),
        reader.GetString(offset + 1),
        reader.GetString(offset + 2),
        AccountRoles.Parse(reader.GetString(offset + 3)),
        Utc(reader.GetDateTime(offset + 4)),
        reader.GetString(offset + 5),
        reader.IsDBNull(offset + 6) ? null : Utc(reader.GetDateTime(offset + 6)),
        reader.GetInt32(offset + 7),
        reader.IsDBNull(offset + 8) ? null : Utc(reader.GetDateTime(offset + 8)),
        Utc(reader.GetDateTime(offset + 9)),
        reader.GetBoolean(offset + 10));

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
