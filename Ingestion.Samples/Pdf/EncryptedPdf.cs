using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ingestion.Samples.Pdf;

/// <summary>
/// A one-page PDF encrypted with the Standard security handler, revision 2 (40-bit RC4), under a user password the
/// pipeline is never given: readers that try the empty password, as PdfPig does, refuse it. Written by hand because
/// PdfPig's builder cannot encrypt. The encryption is real, so the page opens with <see cref="UserPassword"/>.
/// </summary>
internal static class EncryptedPdf
{
    /// <summary>The password that opens the document.</summary>
    public const string UserPassword = "site-only-7431";

    private const string OwnerPassword = "sponsor-owner-7431";

    // All permissions off except printing and copying; the bits 7 and 8 the specification reserves are set.
    private const int Permissions = -44;
    private const int KeyLength = 5;
    private const int EncryptObject = 6;

    private static readonly byte[] Padding =
    [
        0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
        0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
    ];

    /// <summary>
    /// The document under <paramref name="userPassword"/>; an empty one makes a document with an owner password only,
    /// which every viewer opens without asking, its permissions (no modifying, no annotating) applying.
    /// </summary>
    public static byte[] Build(IReadOnlyList<string> lines, PdfInfo info, string userPassword = UserPassword)
    {
        var id = Convert.FromHexString(TrailerId.Of(info.Identity));
        var owner = Rc4.Apply(Md5(Padded(OwnerPassword)).AsSpan(0, KeyLength), Padded(userPassword));
        var key = Md5([.. Padded(userPassword), .. owner, .. BitConverter.GetBytes(Permissions), .. id]).AsSpan(0, KeyLength).ToArray();
        var user = Rc4.Apply(key, Padding);

        var content = Rc4.Apply(ObjectKey(key, 5), Encoding.Latin1.GetBytes(RawPdf.TextOperators(lines)));
        string Encrypted(int objectNumber, string text) => $"<{Convert.ToHexString(Rc4.Apply(ObjectKey(key, objectNumber), Encoding.Latin1.GetBytes(text)))}>";

        var infoEntries = $"/Title {Encrypted(7, info.Title)} /Subject {Encrypted(7, info.Subject)} /Producer {Encrypted(7, PdfInfo.Producer)} " +
            $"/CreationDate {Encrypted(7, PdfInfo.Date)} /ModDate {Encrypted(7, PdfInfo.Date)}" +
            (info.TemplateId is null ? string.Empty : $" /{PdfInfo.TemplateIdKey} {Encrypted(7, info.TemplateId)}") +
            (info.TemplateVersion is null ? string.Empty : $" /{PdfInfo.TemplateVersionKey} {Encrypted(7, info.TemplateVersion)}");

        byte[][] objects =
        [
            Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
            Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Ascii(FormattableString.Invariant($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {TextPdf.PageWidth} {TextPdf.PageHeight}] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>")),
            Ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
            [.. Ascii($"<< /Length {content.Length.ToString(CultureInfo.InvariantCulture)} >>\nstream\n"), .. content, .. Ascii("\nendstream")],
            Ascii($"<< /Filter /Standard /V 1 /R 2 /O <{Convert.ToHexString(owner)}> /U <{Convert.ToHexString(user)}> /P {Permissions.ToString(CultureInfo.InvariantCulture)} >>"),
            Ascii($"<< {infoEntries} >>"),
        ];

        var idHex = Convert.ToHexString(id);
        return RawPdf.Assemble(objects, $"/Root 1 0 R /Info 7 0 R /Encrypt {EncryptObject.ToString(CultureInfo.InvariantCulture)} 0 R /ID [<{idHex}> <{idHex}>]");
    }

    private static byte[] Padded(string password)
    {
        var bytes = Encoding.Latin1.GetBytes(password);
        return [.. bytes.Take(32), .. Padding.Take(32 - Math.Min(32, bytes.Length))];
    }

    // Algorithm 1 of ISO 32000-1 7.6.2: each object has its own RC4 key, from the file key and the object number.
    private static byte[] ObjectKey(byte[] key, int objectNumber) =>
        Md5([.. key, (byte)objectNumber, (byte)(objectNumber >> 8), (byte)(objectNumber >> 16), 0, 0]).AsSpan(0, Math.Min(key.Length + 5, 16)).ToArray();

    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "The PDF Standard security handler, revision 2, is defined on MD5; this writes a sample of it, it protects nothing.")]
    private static byte[] Md5(byte[] data) => MD5.HashData(data);

    private static byte[] Ascii(string text) => RawPdf.Ascii(text);
}
