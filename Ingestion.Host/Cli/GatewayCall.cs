using Ingestion.Host.Cli.Invocation;
using Ingestion.Site.Client;
using Ingestion.Site.Submission;

namespace Ingestion.Host.Cli;

/// <summary>
/// How a site's command (<c>submit</c>, <c>receipts</c>) ends when the gateway cannot be used: its own codes, because an
/// HTTP failure here is the gateway's, not the broker management API's that the command runner assumes.
/// </summary>
internal static class GatewayCall
{
    public static async Task<int> RunAsync(string folderRefusedPrefix, Func<Task<int>> call)
    {
        try
        {
            return await call();
        }
        catch (InvalidPacketFolderException exception)
        {
            await Console.Error.WriteLineAsync(folderRefusedPrefix + exception.Message);
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
    }
}
