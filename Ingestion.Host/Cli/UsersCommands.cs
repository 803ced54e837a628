using System.CommandLine;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Identity.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ingestion.Host.Cli;

/// <summary>
/// <c>ingest users add|list|disable|reset|role|password</c>: the accounts of the people who review, operate and inspect.
/// Every change but the first account's is made by an administrator who enters their password (<c>--as</c>); all are audited.
/// </summary>
internal static class UsersCommands
{
    public static Command Create()
    {
        var users = new Command(
            "users",
            "Accounts of reviewers, operators, auditors and administrators. Accounts are never deleted and user names never reused; they are disabled.");
        users.Subcommands.Add(Add());
        users.Subcommands.Add(List());
        users.Subcommands.Add(Disable());
        users.Subcommands.Add(Reset());
        users.Subcommands.Add(Role());
        users.Subcommands.Add(Password());
        return users;
    }

    private static Command Add()
    {
        var name = UserName();
        var role = RoleOption(required: true);
        var printed = new Option<string>("--name") { Description = "The person's full name, printed with each of their signatures.", Required = true };
        var admin = AdminOption(required: false);
        var stdin = Passwords.StdinOption("the administrator's password (with --as), then the new account's initial password");
        var command = new Command(
            "add",
            "Create an account with an initial password its owner must change before first use. The first account of an installation " +
            "is an administrator created without --as; every later one is created by an administrator.")
        {
            name, role, printed, admin, stdin,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var passwords = new Passwords(result.GetValue(stdin));
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            return await BusCommand.RunAsync(host, async () =>
            {
                Account? by = null;
                if (result.GetValue(admin) is { Length: > 0 } adminName)
                {
                    by = await AuthenticateAsync(host, adminName, passwords, "ingest users add", cancellationToken);
                    if (by is null)
                    {
                        return ExitCodes.CheckFailed;
                    }
                }

                var initial = passwords.ReadNew($"Initial password for {result.GetRequiredValue(name)}: ");
                if (initial is null)
                {
                    return ExitCodes.Usage;
                }

                var change = await host.Services.GetRequiredService<UserAccounts>().AddAsync(
                    by, Environment.UserName, result.GetRequiredValue(name), result.GetRequiredValue(printed), result.GetRequiredValue(role), initial,
                    cancellationToken);
                return Report(change, account => $"Account {account.UserName} ({account.PrintedName}) created as {AccountRoles.Name(account.Role)}" +
                    (account.MustChangePassword ? "; its owner must change the password before first use." : "."));
            }, cancellationToken);
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Every account: user name, printed name, role, state, when created and by whom.");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var accounts = await host.Services.GetRequiredService<UserAccounts>().ListAsync(cancellationToken);
            var now = DateTime.UtcNow;
            Console.WriteLine($"{"USER",-20}  {"NAME",-28}  {"ROLE",-8}  {"STATE",-22}  {"CREATED (UTC)",-16}  CREATED BY");
            foreach (var account in accounts)
            {
                var state = account.IsDisabled ? $"disabled {account.DisabledAt:yyyy-MM-dd}"
                    : account.IsLockedAt(now) ? $"locked to {account.LockedUntil:HH:mm}"
                    : account.MustChangePassword ? "must change password"
                    : "active";
                Console.WriteLine(
                    $"{account.UserName,-20}  {account.PrintedName,-28}  {AccountRoles.Name(account.Role),-8}  {state,-22}  {account.CreatedAt:yyyy-MM-dd HH:mm}  {account.CreatedBy}");
            }

            Console.WriteLine($"{accounts.Count} accounts.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Disable()
    {
        var name = UserName();
        var admin = AdminOption(required: true);
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the audit trail).", Required = true };
        var stdin = Passwords.StdinOption("the administrator's password");
        var command = new Command("disable", "Disable an account for good: its sessions end, it can neither sign in nor sign, and its user name is never reused.")
        {
            name, admin, reason, stdin,
        };
        command.SetAction((result, cancellationToken) => AsAdminAsync(result, admin, stdin, "ingest users disable", (host, by) =>
            host.Services.GetRequiredService<UserAccounts>().DisableAsync(by, result.GetRequiredValue(name), result.GetRequiredValue(reason), cancellationToken),
            account => $"Account {account.UserName} disabled.", cancellationToken));
        return command;
    }

    private static Command Reset()
    {
        var name = UserName();
        var admin = AdminOption(required: true);
        var stdin = Passwords.StdinOption("the administrator's password, then the new initial password");
        var command = new Command(
            "reset", "Set a new initial password, which the owner must change before use, and lift a lockout; the account's sessions end.")
        {
            name, admin, stdin,
        };
        command.SetAction((result, cancellationToken) => AsAdminAsync(result, admin, stdin, "ingest users reset", (host, by, passwords) =>
            passwords.ReadNew($"New initial password for {result.GetRequiredValue(name)}: ") is { } initial
                ? host.Services.GetRequiredService<UserAccounts>().ResetAsync(by, result.GetRequiredValue(name), initial, cancellationToken)
                : Task.FromResult(AccountChange.Refused("no new password was given")),
            account => $"Password of {account.UserName} reset; its owner must change it before use.", cancellationToken));
        return command;
    }

    private static Command Role()
    {
        var name = UserName();
        var role = RoleOption(required: true);
        var admin = AdminOption(required: true);
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the audit trail).", Required = true };
        var stdin = Passwords.StdinOption("the administrator's password");
        var command = new Command("role", "Give an account another role; its sessions end.") { name, role, admin, reason, stdin };
        command.SetAction((result, cancellationToken) => AsAdminAsync(result, admin, stdin, "ingest users role", (host, by) =>
            host.Services.GetRequiredService<UserAccounts>().ChangeRoleAsync(
                by, result.GetRequiredValue(name), result.GetRequiredValue(role), result.GetRequiredValue(reason), cancellationToken),
            account => $"Account {account.UserName} is now {AccountRoles.Name(account.Role)}.", cancellationToken));
        return command;
    }

    private static Command Password()
    {
        var name = UserName();
        var stdin = Passwords.StdinOption("the current password, then the new one");
        var command = new Command("password", "Change your own password: the current one, then a new one that meets the policy.") { name, stdin };
        command.SetAction(async (result, cancellationToken) =>
        {
            var passwords = new Passwords(result.GetValue(stdin));
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            return await BusCommand.RunAsync(host, async () =>
            {
                if (passwords.Read($"Current password for {result.GetRequiredValue(name)}: ") is not { } current
                    || passwords.ReadNew("New password: ") is not { } next)
                {
                    return ExitCodes.Usage;
                }

                var change = await host.Services.GetRequiredService<UserAccounts>().ChangePasswordAsync(
                    host.Services.GetRequiredService<Authenticator>(), result.GetRequiredValue(name), current, next, cancellationToken);
                return Report(change, account => $"Password of {account.UserName} changed.");
            }, cancellationToken);
        });
        return command;
    }

    private static Task<int> AsAdminAsync(
        ParseResult result, Option<string> admin, Option<bool> stdin, string commandName,
        Func<IHost, Account, Task<AccountChange>> change, Func<Account, string> done, CancellationToken cancellationToken) =>
        AsAdminAsync(result, admin, stdin, commandName, (host, by, _) => change(host, by), done, cancellationToken);

    private static async Task<int> AsAdminAsync(
        ParseResult result, Option<string> admin, Option<bool> stdin, string commandName,
        Func<IHost, Account, Passwords, Task<AccountChange>> change, Func<Account, string> done, CancellationToken cancellationToken)
    {
        var passwords = new Passwords(result.GetValue(stdin));
        using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
        return await BusCommand.RunAsync(host, async () =>
        {
            var by = await AuthenticateAsync(host, result.GetRequiredValue(admin), passwords, commandName, cancellationToken);
            return by is null ? ExitCodes.CheckFailed : Report(await change(host, by, passwords), done);
        }, cancellationToken);
    }

    // The administrator proves who they are; a failure is audited and counts towards their lockout.
    private static async Task<Account?> AuthenticateAsync(IHost host, string userName, Passwords passwords, string commandName, CancellationToken cancellationToken)
    {
        if (passwords.Read($"Password for {userName}: ") is not { } password)
        {
            return null;
        }

        var check = await host.Services.GetRequiredService<Authenticator>().CheckAsync(userName, password, commandName, cancellationToken);
        if (check.Succeeded)
        {
            return check.Account;
        }

        await Console.Error.WriteLineAsync($"Refused: {check.Message}");
        return null;
    }

    private static int Report(AccountChange change, Func<Account, string> done)
    {
        if (change.Account is { } account)
        {
            Console.WriteLine(done(account));
            return ExitCodes.Ok;
        }

        Console.Error.WriteLine($"Refused: {string.Join("; ", change.Problems)}.");
        return ExitCodes.CheckFailed;
    }

    private static Argument<string> UserName() => new("user") { Description = "The user name (lower-case letters, digits, '.', '_', '-')." };

    private static Option<AccountRole> RoleOption(bool required) => new("--role")
    {
        Description = $"The role: {string.Join(", ", AccountRoles.Names)}.",
        Required = required,
        CustomParser = parsed => AccountRoles.TryParse(parsed.Tokens.SingleOrDefault()?.Value, out var role)
            ? role
            : Fail(parsed),
    };

    private static AccountRole Fail(System.CommandLine.Parsing.ArgumentResult parsed)
    {
        parsed.AddError($"--role is one of {string.Join(", ", AccountRoles.Names)}.");
        return default;
    }

    private static Option<string> AdminOption(bool required) => new("--as")
    {
        Description = "The administrator making the change, who enters their password.",
        Required = required,
    };
}
