namespace Ingestion.Audit.Receipts;

/// <summary>
/// The audit ledger still lacks a completed packet's final entries after the receipts' whole wait: not retried in process
/// (the wait was the retry); the message goes to <c>packet-receipts_error</c> for an operator to replay.
/// </summary>
internal sealed class LedgerBehindException : Exception
{
    public LedgerBehindException(string message)
        : base(message)
    {
    }

    public LedgerBehindException()
    {
    }

    public LedgerBehindException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
