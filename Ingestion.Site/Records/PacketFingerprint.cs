using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Ingestion.Contracts;

namespace Ingestion.Site.Records;

/// <summary>
/// The SHA-256 of what makes a packet this packet: its id, site, study and, per document, id, artifact type, file name,
/// size, declared hash and content reference, each length-prefixed so that no two packets share an encoding. The
/// submission time and submitter are left out: the same packet sent again by someone else is the same packet.
/// </summary>
public static class PacketFingerprint
{
    /// <summary>The fingerprint, lower-case hex.</summary>
    public static string Of(PacketSubmitted packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, packet.PacketId.ToString("D"));
        Append(hash, packet.SiteId);
        Append(hash, packet.StudyId);
        Append(hash, packet.Documents.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var document in packet.Documents)
        {
            Append(hash, document.DocumentId);
            Append(hash, document.ArtifactType);
            Append(hash, document.FileName);
            Append(hash, document.SizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Append(hash, document.Sha256);
            Append(hash, document.ContentReference);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
