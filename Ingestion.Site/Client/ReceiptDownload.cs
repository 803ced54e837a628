using System.Text.Json;
using System.Text.RegularExpressions;
using Ingestion.Site.Rules;

namespace Ingestion.Site.Client;

/// <summary>
/// Fetches a packet's receipts from the gateway into a folder, one <c>&lt;document&gt;.receipt.json</c> each, under the
/// name the gateway gives (checked to be a plain file name). A file is written under a temporary name and moved into
/// place, so a link left in the folder is replaced, never followed.
/// </summary>
public static partial class ReceiptDownload
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Saves the receipts written so far; returns how many there are and whether every document has one.</summary>
    public static async Task<(int Saved, bool Complete)> SaveAsync(GatewayClient client, Guid packetId, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var answer = await client.ReceiptsAsync(packetId, cancellationToken);
        Directory.CreateDirectory(folder);
        var saved = 0;
        foreach (var item in answer["receipts"]?.AsArray() ?? [])
        {
            var name = item?["fileName"]?.GetValue<string>();
            if (name is null || !SafeFileName().IsMatch(name))
            {
                throw new InvalidDataException($"The gateway named a receipt '{PrintableText.Escape(name)}', which is not a plain file name.");
            }

            var path = Path.Combine(folder, name);
            var temporary = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
            await File.WriteAllTextAsync(temporary, item!["receipt"]!.ToJsonString(Indented), cancellationToken);
            File.Move(temporary, path, overwrite: true);
            saved++;
        }

        return (saved, answer["complete"]?.GetValue<bool>() == true);
    }

    /// <summary>Waits until every document of the packet has its receipt (or <paramref name="timeout"/> passes), then saves them.</summary>
    public static async Task<(int Saved, bool Complete)> WaitAndSaveAsync(
        GatewayClient client, Guid packetId, string folder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var answer = await client.ReceiptsAsync(packetId, cancellationToken);
            if (answer["complete"]?.GetValue<bool>() == true || DateTime.UtcNow >= deadline)
            {
                return await SaveAsync(client, packetId, folder, cancellationToken);
            }

            // A site's client polling its gateway: once a second is plenty and costs the gateway little.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_%~-][A-Za-z0-9._%~-]{0,250}\.receipt\.json$")]
    private static partial Regex SafeFileName();
}
