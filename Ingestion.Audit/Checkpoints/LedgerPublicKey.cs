using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Ingestion.Audit.Checkpoints;

/// <summary>
/// The ledger's public key, read from its own file (<see cref="LedgerSigningOptions.PublicKeyPath"/>): what every check of
/// a stored checkpoint uses, so that verifying, proving from a stored checkpoint and reading receipts never load the
/// private key. Read once it exists: a process that starts before the first checkpoint is signed finds it later.
/// </summary>
public sealed class LedgerPublicKey(IOptions<LedgerSigningOptions> options) : IDisposable
{
    private readonly Lock _lock = new();
    private ECDsa? _key;
    private string? _pem;

    /// <summary>Where the public key is read from.</summary>
    public string Path => PathOf(options.Value);

    /// <summary>The public key (PEM), or null when its file does not exist yet.</summary>
    public string? Pem => Load() is null ? null : _pem;

    /// <summary>The key id (<see cref="LedgerSigningKey.KeyIdOf"/>), or null when the file does not exist yet.</summary>
    public string? KeyId => Load() is { } key ? LedgerSigningKey.KeyIdOf(key) : null;

    /// <summary>Where <paramref name="options"/> put the public key.</summary>
    public static string PathOf(LedgerSigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(options.PublicKeyPath)
            ? LedgerSigningKey.PublicKeyPath(options.SigningKeyPath)
            : options.PublicKeyPath);
    }

    /// <summary>Whether the checkpoint names this key and its signature verifies with it.</summary>
    public bool Verifies(Checkpoint checkpoint) => Problem(checkpoint) is null;

    /// <summary>Why the checkpoint's signature does not verify with this key, or null when it does.</summary>
    public string? Problem(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (Load() is not { } key)
        {
            return $"the signature of checkpoint {checkpoint.TreeSize} cannot be checked: the ledger's public key {Path} does not exist";
        }

        var keyId = LedgerSigningKey.KeyIdOf(key);
        if (checkpoint.KeyId != keyId)
        {
            return $"checkpoint {checkpoint.TreeSize} names key {checkpoint.KeyId}, not the ledger's key {keyId}";
        }

        lock (_lock)
        {
            return LedgerSigningKey.Verify(key, checkpoint.SignedText, checkpoint.Signature)
                ? null
                : $"the signature of checkpoint {checkpoint.TreeSize} does not verify with the ledger's public key {keyId}";
        }
    }

    /// <inheritdoc />
    public void Dispose() => _key?.Dispose();

    private ECDsa? Load()
    {
        lock (_lock)
        {
            if (_key is not null || !File.Exists(Path))
            {
                return _key;
            }

            var pem = File.ReadAllText(Path);
            var key = ECDsa.Create();
            key.ImportFromPem(pem);
            (_key, _pem) = (key, pem);
            return _key;
        }
    }
}
