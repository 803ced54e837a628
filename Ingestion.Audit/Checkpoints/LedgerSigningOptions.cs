namespace Ingestion.Audit.Checkpoints;

/// <summary>Where the ledger's checkpoint signing key lives: bound from <c>Ingestion:Audit</c>.</summary>
public sealed class LedgerSigningOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Audit";

    /// <summary>
    /// The ECDSA P-256 private key, PEM PKCS#8; created (mode 0600) on first use with its public key beside it as
    /// <c>.pub.pem</c>. A relative path is relative to the working directory.
    /// </summary>
    public string SigningKeyPath { get; set; } = ".local/keys/ledger-signing.pem";

    /// <summary>
    /// The public key (PEM SubjectPublicKeyInfo) that every check of a checkpoint uses; empty: the <c>.pub.pem</c> beside
    /// <see cref="SigningKeyPath"/>. Processes that only verify need this file alone, never the private key.
    /// </summary>
    public string PublicKeyPath { get; set; } = string.Empty;

    /// <summary>How often an audit worker signs a checkpoint of a ledger that grew since the last one; 0 turns it off.</summary>
    public int CheckpointIntervalSeconds { get; set; } = 300;
}
