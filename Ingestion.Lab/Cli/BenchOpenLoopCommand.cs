using System.CommandLine;
using System.Globalization;
using Ingestion.Hosting;
using Ingestion.Lab.OpenLoop;

namespace Ingestion.Lab.Cli;

/// <summary>
/// <c>ingest-lab bench open-loop --rate R &lt;root&gt;</c>: sends the packet folders under a root at a fixed rate, from
/// inside the fleet as <c>ingest-lab submit</c> does, and prints their packet ids, one a line, for <c>bench latency</c>.
/// </summary>
internal static class BenchOpenLoopCommand
{
    public static Command Create()
    {
        var rate = new Option<double>("--rate") { Description = "Packets sent per second (one-document packets: documents per second).", Required = true };
        var study = new Option<string>("--study") { Description = "The study.", DefaultValueFactory = _ => "ABC-123" };
        var root = new Argument<DirectoryInfo>("root") { Description = "A folder of packet folders (bench dataset), each named after its site; sent in name order." };
        rate.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var value && !(value > 0))
            {
                result.AddError($"--rate must be above 0, not {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        var command = new Command("open-loop", "Send packet folders at a fixed rate, whatever the fleet does, and print their packet ids.")
        {
            rate, study, root,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var folders = result.GetRequiredValue(root).EnumerateDirectories().Select(d => d.FullName).Order(StringComparer.Ordinal).ToList();
            if (folders.Count == 0)
            {
                await Console.Error.WriteLineAsync($"No packet folder under {result.GetRequiredValue(root).FullName}.");
                return 2;
            }

            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            await host.StartAsync(cancellationToken);
            try
            {
                var (packets, worstLag) = await OpenLoopRun.RunAsync(
                    host.Services, folders, result.GetValue(rate), result.GetRequiredValue(study), cancellationToken);
                foreach (var packet in packets)
                {
                    Console.WriteLine(packet);
                }

                await Console.Error.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"open loop: {packets.Count} packets sent at {result.GetValue(rate):F1}/s; worst lag behind the schedule {worstLag.TotalMilliseconds:F0} ms"));
                return 0;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }
}
