namespace Ingestion.Audit.Checkpoints;

/// <summary>
/// Proof that a document's audit entries are in the ledger: a signed checkpoint and, per entry, its canonical
/// JSON and its inclusion proof under the checkpoint's root. Checked offline with the ledger's public key.
/// </summary>
public sealed record AuditReceipt
{
    /// <summary>The receipt layout's version.</summary>
    public const string CurrentFormat = "ingestion-receipt/v1";

    /// <summary>Always <see cref="CurrentFormat"/> for this layout.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>The document's correlation id.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The signed checkpoint the proofs lead to.</summary>
    public required ReceiptCheckpoint Checkpoint { get; init; }

    /// <summary>The document's entries in seq order.</summary>
    public required IReadOnlyList<ReceiptEntry> Entries { get; init; }
}
