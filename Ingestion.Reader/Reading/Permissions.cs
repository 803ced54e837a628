using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace Ingestion.Reader.Reading;

/// <summary>
/// What an owner password forbids, from the encryption dictionary's <c>/P</c> (ISO 32000-1 table 22). Every viewer
/// opens such a document without a password; the restrictions are recorded, not enforced.
/// </summary>
internal static class Permissions
{
    private static readonly (int Bit, string Denied)[] Bits =
    [
        (3, "printing"),
        (4, "modifying"),
        (5, "copying text and graphics"),
        (6, "annotating"),
        (9, "filling form fields"),
        (10, "extracting for accessibility"),
        (11, "assembling"),
        (12, "high-quality printing"),
    ];

    public static string Restrictions(PdfDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var token = document.Structure.Trailer.EncryptionToken;
        if (token is IndirectReferenceToken reference)
        {
            token = document.Structure.GetObject(reference.Data).Data;
        }

        if (token is not DictionaryToken dictionary || !dictionary.TryGet(NameToken.P, out var p) || p is not NumericToken flags)
        {
            return "unknown (no readable /P entry)";
        }

        var revision = dictionary.TryGet(NameToken.R, out var r) && r is NumericToken n ? n.Int : 2;
        var value = flags.Int;
        var denied = Bits.Where(b => (revision >= 3 || b.Bit <= 6) && (value & (1 << (b.Bit - 1))) == 0).Select(b => b.Denied).ToList();
        return denied.Count == 0 ? "none" : string.Join(", ", denied);
    }
}
