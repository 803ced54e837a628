using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ingestion.Identity.Signatures;

/// <summary>
/// The SHA-256 of a record's canonical JSON: one object, written by the caller with a fixed property order, no white
/// space, the default (ASCII-escaping) encoder, and numbers in .NET's shortest round-trip form. The same record
/// always gives the same bytes, so a signature names exactly the version it signed.
/// </summary>
public static class RecordHash
{
    private static readonly JsonWriterOptions Canonical = new() { Indented = false, Encoder = JavaScriptEncoder.Default, SkipValidation = false };

    /// <summary>The canonical JSON of the object <paramref name="write"/> writes (its properties only; the braces are written here).</summary>
    public static byte[] CanonicalJson(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Canonical))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The lower-case hex SHA-256 of that canonical JSON.</summary>
    public static string Of(Action<Utf8JsonWriter> write) => Convert.ToHexStringLower(SHA256.HashData(CanonicalJson(write)));
}
