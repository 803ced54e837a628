using System.Security.Cryptography;
using System.Text;

namespace Ingestion.Messaging.Fleet;

/// <summary>RFC 9562 version-5 (SHA-1, name-based) UUIDs: the same name always gives the same id.</summary>
public static class NameBasedGuid
{
    /// <summary>The namespace of document correlation ids (a fixed, randomly drawn UUID).</summary>
    public static readonly Guid DocumentNamespace = new("5b0e3c4a-8f1d-4c2e-9a7b-3d6f1e2a9c40");

    /// <summary>The v5 UUID of <paramref name="name"/> in <paramref name="namespaceId"/>.</summary>
    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
#pragma warning disable CA5350 // RFC 9562 defines v5 UUIDs over SHA-1; it names, it does not protect.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>The correlation id of one document of one packet.</summary>
    public static Guid ForDocument(Guid packetId, string documentId) =>
        Create(DocumentNamespace, $"{packetId:D}/{documentId}");
}
