using System.CommandLine;
using Ingestion.Hosting;
using Ingestion.Messaging.Fleet;
using Ingestion.Site.Rules;
using Ingestion.Site.Submission;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Lab.Cli;

/// <summary>
/// <c>ingest-lab submit --site S --study T &lt;folder&gt;</c>: the fleet's own trusted submitter for benchmarks, drills and
/// memory measurements, run beside the fleet with its database, store and broker. Sites never have these; they submit
/// through the gateway with <c>ingest submit</c>.
/// </summary>
internal static class LabSubmitCommand
{
    public static Command Create()
    {
        var site = new Option<string>("--site") { Description = "The site, for example US-BOS-001.", Required = true };
        var study = new Option<string>("--study") { Description = "The study, for example ABC-123.", Required = true };
        var packetId = new Option<Guid?>("--packet-id") { Description = "The packet id (default: the manifest's, else a new one)." };
        var by = new Option<string>("--by") { Description = "Who submits (default: the current user)." };
        var folder = new Argument<DirectoryInfo>("folder") { Description = "The packet folder, with an optional manifest.json." };
        var command = new Command("submit", "Store a packet's documents and send the packet to intake from inside the fleet (benchmarks, drills).")
        {
            site, study, packetId, by, folder,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            await host.StartAsync(cancellationToken);
            try
            {
                using var scope = host.Services.CreateScope();
                var packet = await scope.ServiceProvider.GetRequiredService<PacketSubmitter>().SubmitAsync(
                    result.GetRequiredValue(folder).FullName, result.GetRequiredValue(site), result.GetRequiredValue(study),
                    result.GetValue(by) ?? Environment.UserName, result.GetValue(packetId), cancellationToken);
                Console.WriteLine($"Packet {packet.PacketId} from {packet.SiteId} submitted with {packet.Documents.Count} documents:");
                foreach (var document in packet.Documents)
                {
                    Console.WriteLine(
                        $"  {PrintableText.Escape(document.DocumentId, 40),-24} {NameBasedGuid.ForDocument(packet.PacketId, document.DocumentId)}  {PrintableText.Escape(document.FileName, 60)}");
                }

                return 0;
            }
            catch (InvalidPacketFolderException exception)
            {
                await Console.Error.WriteLineAsync($"Not submitted: {exception.Message}");
                return 2;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }
}
