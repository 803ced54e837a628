using Ingestion.Identity.Accounts;
using Ingestion.Identity.Sessions;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Identity;

/// <summary>Accounts: stored passwords, the policy, lockout, roles and sessions, every change on the audit trail.</summary>
[TestFixture]
public sealed class AccountTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Passwords_are_stored_as_salted_pbkdf2_hashes_and_the_policy_refuses_weak_ones()
    {
        await using var fleet = await Fleet.StartAsync();
        var accounts = await People.CreateAsync(fleet, People.Reviewer);
        var users = fleet.Services.GetRequiredService<UserAccounts>();

        var weak = await users.AddAsync(accounts[People.Admin.UserName], "installer", "weakling", "Wes Weakling", AccountRole.Reviewer, "password1234");
        var named = await users.AddAsync(accounts[People.Admin.UserName], "installer", "hbrandt", "Hanna Brandt", AccountRole.Reviewer, "Brandt-2026-Secure!");

        Assert.That(weak.Problems, Has.Some.Contains("a mix of at least 3").And.Some.Contains("not a well-known password"));
        Assert.That(named.Problems, Has.Some.Contains("not containing the user name or a part of the person's name"));
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("SELECT password_hash FROM user_accounts WHERE user_name = 'jwhitfield'", connection);
        var stored = Convert.FromBase64String((string)(await command.ExecuteScalarAsync())!);
        // ASP.NET Core Identity's v3 format: 0x01, PRF (2 = HMAC-SHA512), iterations, salt length 16, then salt and subkey.
        Assert.That(
            (stored[0], System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(1)), System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(5)),
             System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(9))),
            Is.EqualTo(((byte)1, 2u, 210_000u, 16u)));
    }

    [Test]
    public async Task Repeated_wrong_passwords_lock_the_account_and_every_failure_and_the_lock_are_on_the_audit_trail()
    {
        await using var fleet = await Fleet.StartAsync();
        var accounts = await People.CreateAsync(fleet, People.Reviewer);
        var sessions = fleet.Services.GetRequiredService<ConsoleSessions>();

        var outcomes = new List<AuthenticationOutcome>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add((await sessions.SignInAsync(People.Reviewer.UserName, $"wrong-Password-{i}", "test")).Result.Outcome);
        }

        var right = await sessions.SignInAsync(People.Reviewer.UserName, People.Password, "test");
        var unknown = await sessions.SignInAsync("nobody", People.Password, "test");

        Assert.That(outcomes, Is.EqualTo(Enumerable.Repeat(AuthenticationOutcome.WrongCredentials, 4).Append(AuthenticationOutcome.LockedOut)));
        Assert.That((right.Result.Outcome, right.SessionId), Is.EqualTo((AuthenticationOutcome.LockedOut, (Guid?)null)), "locked even for the right password");
        Assert.That(unknown.Result.Message, Is.EqualTo("The user name or the password is wrong."), "an unknown name looks like a wrong password");
        var trail = await Eventually.Until(
            async () => (await fleet.LedgerAsync(accounts[People.Reviewer.UserName].UserId)).Select(e => e.Event).ToList(),
            entries => entries.Count(e => e.Action == "LOGIN_FAILED") == 6, Deadline, "six failed sign-ins on the account's trail");
        Assert.That(trail.Select(e => e.Action), Is.EqualTo(new[]
        {
            "ACCOUNT_CREATED", "PASSWORD_CHANGED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "ACCOUNT_LOCKED",
            "LOGIN_FAILED",
        }));
        Assert.That(trail.Where(e => e.Action == "LOGIN_FAILED").Select(e => e.Actor.WorkerId), Is.All.EqualTo("reviewer:jwhitfield"));
        Assert.That(trail[^1].Reason, Does.StartWith("the account is locked until"));

        var reset = await fleet.Services.GetRequiredService<UserAccounts>().ResetAsync(accounts[People.Admin.UserName], People.Reviewer.UserName, "Fresh-Start-2026!");
        Assert.That(reset.Done, Is.True, string.Join("; ", reset.Problems));
        var afterReset = await sessions.SignInAsync(People.Reviewer.UserName, "Fresh-Start-2026!", "test");
        Assert.That(afterReset.Result.Outcome, Is.EqualTo(AuthenticationOutcome.PasswordChangeRequired), "an administrator's password is changed before use");
    }

    [Test]
    public async Task Accounts_are_never_deleted_their_names_never_reused_and_a_role_change_ends_their_sessions()
    {
        await using var fleet = await Fleet.StartAsync();
        var accounts = await People.CreateAsync(fleet, People.Reviewer);
        var users = fleet.Services.GetRequiredService<UserAccounts>();
        var sessions = fleet.Services.GetRequiredService<ConsoleSessions>();
        var admin = accounts[People.Admin.UserName];
        var (_, sessionId) = await sessions.SignInAsync(People.Reviewer.UserName, People.Password, "test");
        Assert.That((await sessions.CheckAsync(sessionId!.Value, CancellationToken.None)).Active, Is.True);

        var role = await users.ChangeRoleAsync(admin, People.Reviewer.UserName, AccountRole.Auditor, "moved to QA");
        var session = await sessions.CheckAsync(sessionId.Value, CancellationToken.None);
        var disabled = await users.DisableAsync(admin, People.Reviewer.UserName, "left the company");
        var again = await users.AddAsync(admin, "installer", People.Reviewer.UserName, "Someone Else", AccountRole.Reviewer, "Another-Person-26!");

        Assert.That((role.Done, session.Active, session.EndReason), Is.EqualTo((true, false, SessionEndReasons.AccountChanged)));
        Assert.That(disabled.Done, Is.True);
        Assert.That(again.Problems.Single(), Does.Contain("is taken (user names are never reused"));
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var delete = new NpgsqlCommand("DELETE FROM user_accounts WHERE user_name = 'jwhitfield'", connection);
        var denied = Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
        Assert.That(denied!.MessageText, Does.Contain("permission denied"), "the fleet's role has no DELETE on accounts");
        await using var superuser = await fleet.OpenSuperuserDatabaseAsync();
        await using var deleteAsSuperuser = new NpgsqlCommand("DELETE FROM user_accounts WHERE user_name = 'jwhitfield'", superuser);
        var refused = Assert.ThrowsAsync<PostgresException>(() => deleteAsSuperuser.ExecuteNonQueryAsync());
        Assert.That(refused!.MessageText, Does.Contain("never deleted"), "the trigger refuses a role that holds every privilege too");
        await using var enable = new NpgsqlCommand("UPDATE user_accounts SET disabled_at = NULL WHERE user_name = 'jwhitfield'", connection);
        Assert.ThrowsAsync<PostgresException>(() => enable.ExecuteNonQueryAsync(), "a disabled account stays disabled");
        var trail = await Eventually.Until(
            async () => (await fleet.LedgerAsync(accounts[People.Reviewer.UserName].UserId)).Select(e => $"{e.Event.Action} {e.Event.FromState}->{e.Event.ToState} {e.Event.Actor.WorkerId}").ToList(),
            entries => entries.Count == 5, Deadline, "the account's whole trail");
        Assert.That(trail, Is.EqualTo(new[]
        {
            "ACCOUNT_CREATED ->ACTIVE admin:sysadmin",
            "PASSWORD_CHANGED ACTIVE->ACTIVE reviewer:jwhitfield",
            "LOGIN SIGNED_OUT->SIGNED_IN reviewer:jwhitfield",
            "ROLE_CHANGED reviewer->auditor admin:sysadmin",
            "ACCOUNT_DISABLED ACTIVE->DISABLED admin:sysadmin",
        }));
    }
}
