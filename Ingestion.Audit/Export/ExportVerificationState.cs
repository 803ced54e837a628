namespace Ingestion.Audit.Export;

/// <summary>What the offline verifier has read so far: leaf and chain hashes in seq order, and where it is.</summary>
internal sealed class ExportVerificationState
{
    public List<byte[]> Leaves { get; } = [];

    public List<byte[]> Heads { get; } = [];

    public byte[] Previous { get; set; } = Ledger.AuditChain.Genesis;

    public int Segments { get; set; }

    public string? Segment { get; set; }

    public long CheckpointSize { get; set; }

    public string? Problem { get; set; }
}
