using System.Security.Cryptography;
using System.Text;
using Ingestion.Audit.Checkpoints;
using Microsoft.Extensions.Options;

namespace Ingestion.Audit.Receipts;

/// <summary>
/// The receipt files of a site's packets, <c>Root/&lt;site&gt;/&lt;packet&gt;/&lt;document&gt;.receipt.json</c>. Written once
/// under a temporary name and moved into place, so no reader ever sees half a receipt and of two workers writing the
/// same one the first to arrive wins.
/// </summary>
public sealed class ReceiptFiles(IOptions<ReceiptOptions> options)
{
    /// <summary>What every receipt file name ends with.</summary>
    public const string Extension = ".receipt.json";

    // Long enough for any id the intake limits allow once escaped, short enough to stay far below NAME_MAX (255 bytes).
    private const int MaxEscapedLength = 150;

    /// <summary>The receipt file of one document of a site's packet.</summary>
    public string PathOf(string siteId, Guid packetId, string documentId) =>
        Path.Combine(FolderOf(siteId, packetId), FileNameOf(documentId));

    /// <summary>The folder of a site's packet's receipts.</summary>
    public string FolderOf(string siteId, Guid packetId) =>
        Path.Combine(Path.GetFullPath(options.Value.Root), SafeName(siteId), packetId.ToString("D"));

    /// <summary>
    /// The file name of a document's receipt: one name per document id, never two ids to one name, never a path. Letters,
    /// digits, <c>.</c>, <c>_</c> and <c>-</c> stay; every other character is percent-encoded as its UTF-8 bytes (so
    /// <c>DOC/1</c> is <c>DOC%2F1</c> and <c>DOC:1</c> is <c>DOC%3A1</c>); a name that would grow too long keeps its
    /// first part and ends in <c>~</c> and the SHA-256 of the id, a character the encoding never produces otherwise.
    /// </summary>
    public static string FileNameOf(string documentId) => SafeName(documentId) + Extension;

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

    // Site and document ids come from the site: never let one name a folder outside the root, nor two ids share a name.
    private static string SafeName(string name)
    {
        var escaped = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'-' || b == (byte)'.' && escaped.Length > 0)
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        // An empty id would vanish from the path: it gets the hash form too, which no other id can take (a long id's
        // name always keeps a first part before its '~').
        if (escaped.Length == 0)
        {
            return "~" + Convert.ToHexStringLower(SHA256.HashData([]));
        }

        if (escaped.Length <= MaxEscapedLength)
        {
            return escaped.ToString();
        }

        var cut = escaped.ToString(0, 100);
        cut = cut.LastIndexOf('%') is var percent && percent > cut.Length - 3 ? cut[..percent] : cut;
        return cut + "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
    }
}
