using System.CommandLine;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Messaging.Fleet;
using Ingestion.Site.Submission;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest submit --site S --study T &lt;folder&gt;</c>: a site submits a packet.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var site = new Option<string>("--site") { Description = "The submitting site, for example US-BOS-001.", Required = true };
        var study = new Option<string>("--study") { Description = "The study, for example ABC-123.", Required = true };
        var packetId = new Option<Guid?>("--packet-id") { Description = "The packet id (default: the manifest's, else a new one)." };
        var by = new Option<string>("--by") { Description = "Who submits (default: the current user)." };
        var folder = new Argument<DirectoryInfo>("folder") { Description = "The packet folder, with an optional manifest.json." };
        var command = new Command("submit", "Store a packet's documents and publish the packet for ingestion.") { site, study, packetId, by, folder };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = ClientHost.Build();
            await host.StartAsync(cancellationToken);
            try
            {
                using var scope = host.Services.CreateScope();
                var submitter = scope.ServiceProvider.GetRequiredService<PacketSubmitter>();
                var packet = await submitter.SubmitAsync(
                    result.GetRequiredValue(folder).FullName,
                    result.GetRequiredValue(site),
                    result.GetRequiredValue(study),
                    result.GetValue(by) ?? Environment.UserName,
                    result.GetValue(packetId),
                    cancellationToken);
                Console.WriteLine($"Packet {packet.PacketId} from {packet.SiteId} submitted with {packet.Documents.Count} documents:");
                foreach (var document in packet.Documents)
                {
                    Console.WriteLine(
                        $"  {document.DocumentId,-24} {NameBasedGuid.ForDocument(packet.PacketId, document.DocumentId)}  {document.Sha256[..16]}…  {document.FileName}");
                }

                return ExitCodes.Ok;
            }
            catch (InvalidPacketFolderException exception)
            {
                await Console.Error.WriteLineAsync($"Not submitted: {exception.Message}");
                return ExitCodes.Usage;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }
}
