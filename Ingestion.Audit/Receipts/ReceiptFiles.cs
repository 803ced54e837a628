using System.Text.RegularExpressions;
using Ingestion.Audit.Checkpoints;
using Microsoft.Extensions.Options;

namespace Ingestion.Audit.Receipts;

/// <summary>
/// The receipt files of a site's packets, <c>Root/&lt;site&gt;/&lt;packet&gt;/&lt;document&gt;.receipt.json</c>. Written once
/// under a temporary name and moved into place, so no reader ever sees half a receipt and of two workers writing the
/// same one the first to arrive wins.
/// </summary>
internal sealed partial class ReceiptFiles(IOptions<ReceiptOptions> options)
{
    public string PathOf(string siteId, Guid packetId, string documentId) =>
        Path.Combine(Path.GetFullPath(options.Value.Root), SafeName(siteId), packetId.ToString("D"), SafeName(documentId) + ".receipt.json");

    /// <summary>Writes the receipt unless a receipt is already there; returns whether this call wrote it.</summary>
    public static async Task<bool> WriteOnceAsync(string path, AuditReceipt receipt, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, ReceiptJson.Write(receipt), cancellationToken);
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    // Site and document ids come from the site: never let one name a folder outside the root.
    private static string SafeName(string name)
    {
        var safe = UnsafeCharacters().Replace(name, "_");
        return safe is "" or "." or ".." ? "_" + safe : safe;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeCharacters();
}
