using System.CommandLine;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Site.Client;
using Ingestion.Site.Submission;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest receipts --gateway URL --token-file F --ca CA.pem --packet ID --out DIR</c>: a site fetches its packet's receipts.</summary>
internal static class ReceiptsCommand
{
    public static Command Create()
    {
        var connection = GatewayConnectionOptions.Create();
        var packet = new Option<Guid>("--packet") { Description = "The packet.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder to save the receipts into.", Required = true };
        var wait = new Option<bool>("--wait") { Description = "Wait until every document has its receipt." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait.", DefaultValueFactory = _ => 600 };
        var command = new Command("receipts", "Fetch a packet's receipts from the site gateway (exit 1 while some are missing).")
        {
            connection.Gateway, connection.TokenFile, connection.Ca, packet, output, wait, timeout,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                using var client = connection.Connect(result);
                return await SaveAsync(
                    client, result.GetRequiredValue(packet), result.GetRequiredValue(output).FullName, result.GetValue(wait), result.GetValue(timeout),
                    cancellationToken);
            }
            catch (InvalidPacketFolderException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return ExitCodes.Usage;
            }
            catch (GatewayRefusedException exception)
            {
                await Console.Error.WriteLineAsync($"Refused by the gateway ({exception.Status} {exception.Code}): {exception.Reason}");
                return ExitCodes.GatewayRefused;
            }
            catch (HttpRequestException exception)
            {
                await Console.Error.WriteLineAsync($"Cannot reach the gateway: {exception.Message}");
                return ExitCodes.GatewayUnreachable;
            }
        });
        return command;
    }

    /// <summary>Saves (after waiting, when asked) the packet's receipts; 0 when every document has one, 1 (not everything accounted for) otherwise.</summary>
    public static async Task<int> SaveAsync(GatewayClient client, Guid packetId, string? folder, bool wait, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var target = folder ?? Path.Combine(Environment.CurrentDirectory, $"receipts-{packetId:D}");
        var (saved, complete) = wait
            ? await ReceiptDownload.WaitAndSaveAsync(client, packetId, target, TimeSpan.FromSeconds(timeoutSeconds), cancellationToken)
            : await ReceiptDownload.SaveAsync(client, packetId, target, cancellationToken);
        Console.WriteLine($"{saved} receipts of packet {packetId} saved in {target}{(complete ? "" : " (some documents have none yet)")}.");
        return complete ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }
}
