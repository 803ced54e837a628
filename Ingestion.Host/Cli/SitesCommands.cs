using System.CommandLine;
using Ingestion.Contracts;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Messaging.Fleet;
using Ingestion.Site.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Host.Cli;

/// <summary>
/// <c>ingest sites add|list|disable|rotate</c>: an operator issues and manages sites' credentials. A token is shown once
/// (or written to a file only its owner can read) and kept only as its hash; every change is audited.
/// </summary>
internal static class SitesCommands
{
    public static Command Create()
    {
        var sites = new Command("sites", "Sites and their credentials for the site gateway.");
        sites.Subcommands.Add(Add());
        sites.Subcommands.Add(List());
        sites.Subcommands.Add(Rotate());
        sites.Subcommands.Add(Disable());
        return sites;
    }

    private static Command Add()
    {
        var (site, tokenFile, by) = (SiteArgument(), TokenFileOption(), ByOption());
        var command = new Command("add", "Add a site and issue its token (shown once). A site id is never reused.") { site, tokenFile, by };
        command.SetAction((result, cancellationToken) => ChangeAsync(result, by, async (registry, actor) =>
        {
            var token = await registry.AddAsync(result.GetRequiredValue(site), actor, cancellationToken);
            return await HandOverAsync(result.GetRequiredValue(site), token, result.GetValue(tokenFile), "added");
        }, cancellationToken));
        return command;
    }

    private static Command Rotate()
    {
        var (site, tokenFile, by) = (SiteArgument(), TokenFileOption(), ByOption());
        var command = new Command("rotate", "Issue a site a new token; the old one stops working at once.") { site, tokenFile, by };
        command.SetAction((result, cancellationToken) => ChangeAsync(result, by, async (registry, actor) =>
        {
            var token = await registry.RotateAsync(result.GetRequiredValue(site), actor, cancellationToken);
            return await HandOverAsync(result.GetRequiredValue(site), token, result.GetValue(tokenFile), "given a new token");
        }, cancellationToken));
        return command;
    }

    private static Command Disable()
    {
        var (site, by) = (SiteArgument(), ByOption());
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the audit trail).", Required = true };
        var command = new Command("disable", "Disable a site for good: its token stops working and its id can never be added again.") { site, reason, by };
        command.SetAction((result, cancellationToken) => ChangeAsync(result, by, async (registry, actor) =>
        {
            await registry.DisableAsync(result.GetRequiredValue(site), actor, result.GetRequiredValue(reason), cancellationToken);
            Console.WriteLine($"Site {result.GetRequiredValue(site)} disabled.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List every site, enabled or disabled.");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var sites = await host.Services.GetRequiredService<SiteRegistry>().ListAsync(cancellationToken);
            Console.WriteLine($"{"SITE",-34} {"STATE",-9} {"ADDED",-20} {"TOKEN ISSUED",-20} REASON");
            foreach (var s in sites)
            {
                Console.WriteLine(
                    $"{s.SiteId,-34} {(s.DisabledAt is null ? "enabled" : "disabled"),-9} {s.AddedAt:yyyy-MM-dd HH:mm:ss}  " +
                    $"{(s.TokenIssuedAt is { } issued ? issued.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : "-"),-20} " +
                    $"{Site.Rules.PrintableText.Escape(s.DisableReason ?? string.Empty)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> ChangeAsync(
        ParseResult result, Option<string> by, Func<SiteRegistry, AuditActor, Task<int>> change, CancellationToken cancellationToken)
    {
        using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
        var process = host.Services.GetRequiredService<WorkerIdentity>().Actor;
        var actor = process with { WorkerId = $"operator:{result.GetValue(by) ?? Environment.UserName}" };
        try
        {
            return await change(host.Services.GetRequiredService<SiteRegistry>(), actor);
        }
        catch (SiteRegistryException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return ExitCodes.Usage;
        }
    }

    // A token is shown once: on standard output, or written to a new file that only its owner can read.
    private static async Task<int> HandOverAsync(string siteId, string token, FileInfo? file, string what)
    {
        if (file is null)
        {
            Console.WriteLine($"Site {siteId} {what}. Its token (shown once; give it to the site only):");
            Console.WriteLine(token);
            return ExitCodes.Ok;
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var writer = new StreamWriter(file.FullName, options))
        {
            await writer.WriteLineAsync(token);
        }

        Console.WriteLine($"Site {siteId} {what}. Its token is in {file.FullName} (readable by its owner only).");
        return ExitCodes.Ok;
    }

    private static Argument<string> SiteArgument() => new("site") { Description = "The site id, for example US-BOS-001." };

    private static Option<FileInfo?> TokenFileOption() =>
        new("--token-file") { Description = "Write the token to this new file (mode 0600) instead of printing it." };

    private static Option<string> ByOption() => new("--by") { Description = "Who makes the change (recorded in the audit trail; default: the current user)." };
}
