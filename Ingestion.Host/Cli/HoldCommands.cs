using System.CommandLine;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Identity.Signatures;
using Ingestion.Operations.Holds;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest hold status</c> and <c>ingest hold release --by USER --reason "…"</c>, signed.</summary>
internal static class HoldCommands
{
    public static Command Create()
    {
        var hold = new Command("hold", "The compliance hold: while it is active, packets are accepted and kept but not processed.");
        hold.Subcommands.Add(Status());
        hold.Subcommands.Add(Release());
        return hold;
    }

    /// <summary>One line about the active hold, or that there is none.</summary>
    public static string Describe(ComplianceHold? active) => active is null
        ? "No compliance hold."
        : $"COMPLIANCE HOLD {active.HoldId} since {active.PlacedAt:u} ({active.Trigger}, placed by {active.PlacedBy}): {active.Reason} {active.HeldPackets} packets kept.";

    private static Command Status()
    {
        var json = CliJson.Option();
        var command = new Command("status", "Show the active compliance hold, if any (exit 3 while one is active).") { json };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var active = await host.Services.GetRequiredService<ComplianceHolds>().ActiveAsync(cancellationToken);
            if (result.GetValue(json))
            {
                CliJson.Write(new { Hold = active });
            }
            else
            {
                Console.WriteLine(Describe(active));
            }

            return active is null ? ExitCodes.Ok : ExitCodes.HoldActive;
        });
        return command;
    }

    private static Command Release()
    {
        var by = new Option<string>("--by") { Description = "Your user name (an operator's account); you sign the release with your password.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (recorded with the signature and in the audit trail).", Required = true };
        var stdin = Passwords.StdinOption();
        var command = new Command(
            "release", "Lift the compliance hold and send every packet it kept back to intake; signed with your password and audited.")
        {
            by, reason, stdin,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var who = result.GetRequiredValue(by).Trim();
            var why = result.GetRequiredValue(reason).Trim();
            if (who.Length == 0 || why.Length == 0)
            {
                await Console.Error.WriteLineAsync("Releasing a hold needs your user name (--by) and a reason (--reason).");
                return ExitCodes.Usage;
            }

            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var holds = host.Services.GetRequiredService<ComplianceHolds>();
            if (await holds.ActiveAsync(cancellationToken) is not { } active)
            {
                await Console.Error.WriteLineAsync("There is no active compliance hold.");
                return ExitCodes.CheckFailed;
            }

            Console.WriteLine(Describe(active));
            if (new Passwords(result.GetValue(stdin)).Read($"Password for {who} (electronic signature of the release): ") is not { } password)
            {
                return ExitCodes.Usage;
            }

            return await BusCommand.RunAsync(host, async () =>
            {
                var outcome = await holds.ReleaseAsync(
                    new SignatureRequest
                    {
                        UserName = who,
                        Password = password,
                        Meaning = SignatureMeanings.Release,
                        Reason = why,
                        Origin = $"command 'ingest hold release' as {Environment.UserName}@{Environment.MachineName}",
                    },
                    ComplianceHolds.RecordHash(active),
                    cancellationToken);
                if (!outcome.IsSigned)
                {
                    await Console.Error.WriteLineAsync($"Refused: {outcome.Message}");
                    return ExitCodes.CheckFailed;
                }

                Console.WriteLine(
                    $"Compliance hold released, signed {outcome.Signature!.Manifestation}; {outcome.Value} kept packets sent back to intake.");
                return ExitCodes.Ok;
            }, cancellationToken);
        });
        return command;
    }
}
