using System.CommandLine;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Operations.Holds;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest hold status</c> and <c>ingest hold release --by NAME --reason "…"</c>.</summary>
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
        var by = new Option<string>("--by") { Description = "Who releases the hold (recorded in the audit trail).", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the audit trail).", Required = true };
        var command = new Command("release", "Lift the compliance hold and send every packet it kept back to intake; audited.") { by, reason };
        command.SetAction(async (result, cancellationToken) =>
        {
            var who = result.GetRequiredValue(by).Trim();
            var why = result.GetRequiredValue(reason).Trim();
            if (who.Length == 0 || why.Length == 0)
            {
                await Console.Error.WriteLineAsync("Releasing a hold needs a name (--by) and a reason (--reason).");
                return ExitCodes.Usage;
            }

            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var packets = await host.Services.GetRequiredService<ComplianceHolds>().ReleaseAsync(who, why, cancellationToken);
            if (packets is null)
            {
                await Console.Error.WriteLineAsync("There is no active compliance hold.");
                return ExitCodes.CheckFailed;
            }

            await host.StartAsync(cancellationToken);
            try
            {
                var bus = host.Services.GetRequiredService<IBus>();
                foreach (var packet in packets)
                {
                    await bus.Send(packet, cancellationToken);
                }

                Console.WriteLine($"Compliance hold released by {who}; {packets.Count} kept packets sent back to intake.");
                return ExitCodes.Ok;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }
}
