using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Ingestion.Audit.Checkpoints;

/// <summary>
/// The ECDSA P-256 key that signs checkpoints (SHA-256, IEEE P1363 signatures). Created on first use when the
/// file is missing; a key id of the first 16 hex digits of SHA-256(SubjectPublicKeyInfo) names it in every checkpoint.
/// </summary>
public sealed class LedgerSigningKey(IOptions<LedgerSigningOptions> options) : IDisposable
{
    private readonly Lazy<ECDsa> _key = new(() => LoadOrCreate(Path.GetFullPath(options.Value.SigningKeyPath)));

    /// <summary>The public key, PEM SubjectPublicKeyInfo.</summary>
    public string PublicKeyPem => _key.Value.ExportSubjectPublicKeyInfoPem();

    /// <summary>Names the key: SHA-256 of its SubjectPublicKeyInfo, first 16 hex digits.</summary>
    public string KeyId => KeyIdOf(_key.Value);

    /// <summary>Where the public key is written, beside the private key.</summary>
    public static string PublicKeyPath(string privateKeyPath) => Path.ChangeExtension(privateKeyPath, ".pub.pem");

    /// <summary>The key id of a public key.</summary>
    public static string KeyIdOf(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>Checks a signature over <paramref name="text"/> with a PEM public key.</summary>
    public static bool Verify(ECDsa publicKey, string text, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return publicKey.VerifyData(Encoding.UTF8.GetBytes(text), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Signs the UTF-8 bytes of <paramref name="text"/>.</summary>
    public byte[] Sign(string text) =>
        _key.Value.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }

    private static ECDsa LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Create(path);
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return key;
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // Written under a temporary name and moved into place, so a process starting at the same moment never
        // reads half a key, and of two processes creating one at once the first to move wins and the other uses it.
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, Encoding.ASCII, fileOptions))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return;
        }

        File.WriteAllText(PublicKeyPath(path), key.ExportSubjectPublicKeyInfoPem());
    }
}
