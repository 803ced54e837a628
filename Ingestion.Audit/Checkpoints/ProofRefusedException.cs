namespace Ingestion.Audit.Checkpoints;

/// <summary>
/// The prover will not give a proof: what it would be built from (ledger entries or stored Merkle nodes) no longer leads to
/// the signed root, so a receipt would not verify. The message says which, and to run <c>ingest audit verify</c>.
/// </summary>
public sealed class ProofRefusedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ProofRefusedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProofRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ProofRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
