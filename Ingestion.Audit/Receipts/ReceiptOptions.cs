namespace Ingestion.Audit.Receipts;

/// <summary>Where sites' receipts are written: bound from <c>Ingestion:Receipts</c>.</summary>
public sealed class ReceiptOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Receipts";

    /// <summary>The folder that receives <c>&lt;site&gt;/&lt;packet&gt;/&lt;document&gt;.receipt.json</c>; shared by every audit worker.</summary>
    public string Root { get; set; } = ".local/receipts";

    /// <summary>
    /// How long a completed packet's receipts wait for the audit consumer to chain its documents' final entries before the
    /// message goes to <c>packet-receipts_error</c> (polled at 0.2 s, doubling to 10 s).
    /// </summary>
    public int LedgerWaitSeconds { get; set; } = 60;
}
