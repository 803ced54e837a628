using System.CommandLine;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Site.Client;
using Ingestion.Site.Rules;

namespace Ingestion.Host.Cli;

/// <summary>
/// <c>ingest submit --gateway URL --token-file F --ca CA.pem --study T &lt;folder&gt;</c>: a site submits a packet through its
/// gateway. It needs nothing but those three: no broker, no database, no content store.
/// </summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var connection = GatewayConnectionOptions.Create();
        var study = new Option<string>("--study") { Description = "The study, for example ABC-123.", Required = true };
        var packetId = new Option<Guid?>("--packet-id") { Description = "The packet id (default: the manifest's, else a new one)." };
        var by = new Option<string>("--by") { Description = "Who submits at the site (default: the current user)." };
        var wait = new Option<bool>("--wait") { Description = "Wait until every document has its receipt." };
        var receipts = new Option<DirectoryInfo?>("--receipts") { Description = "Save the receipts into this folder (with --wait: once all are there)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the receipts.", DefaultValueFactory = _ => 600 };
        var folder = new Argument<DirectoryInfo>("folder") { Description = "The packet folder, with an optional manifest.json." };
        var command = new Command("submit", "Submit a packet folder to the site gateway, and optionally wait for its receipts.")
        {
            connection.Gateway, connection.TokenFile, connection.Ca, study, packetId, by, wait, receipts, timeout, folder,
        };
        command.SetAction((result, cancellationToken) => GatewayCall.RunAsync("Not submitted: ", async () =>
        {
            using var client = connection.Connect(result);
            var packet = await new SiteSubmission(client).SubmitAsync(
                result.GetRequiredValue(folder).FullName, result.GetRequiredValue(study), result.GetValue(by) ?? Environment.UserName,
                result.GetValue(packetId), Console.Error, cancellationToken);
            Console.WriteLine($"Packet {packet.PacketId} from {packet.SiteId} submitted with {packet.Documents.Count} documents ({packet.Status}):");
            foreach (var document in packet.Documents)
            {
                Console.WriteLine($"  {PrintableText.Escape(document.DocumentId, 40),-24} {document.Sha256[..16]}…  {PrintableText.Escape(document.FileName, 60)}");
            }

            if (result.GetValue(wait) || result.GetValue(receipts) is not null)
            {
                return await ReceiptsCommand.SaveAsync(
                    client, packet.PacketId, result.GetValue(receipts)?.FullName, result.GetValue(wait), result.GetValue(timeout), cancellationToken);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
