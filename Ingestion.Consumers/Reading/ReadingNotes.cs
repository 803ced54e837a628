using System.Globalization;
using Ingestion.Reader.Protocol;

namespace Ingestion.Consumers.Reading;

/// <summary>What the reader read past, in words for the document's record; null when the file was well-formed.</summary>
internal static class ReadingNotes
{
    public static string? Of(ReadResponse document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var notes = new List<string>();
        if (document.PermissionRestrictions is { } restrictions)
        {
            notes.Add($"permission restrictions: {restrictions} (owner password only; opened without a password)");
        }

        if (document.HeaderOffset > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"header at byte {document.HeaderOffset} (junk before %PDF- ignored)"));
        }

        if (document.Repaired)
        {
            notes.Add("cross-reference data broken and rebuilt by the lenient parser");
        }

        return notes.Count == 0 ? null : string.Join("; ", notes);
    }
}
