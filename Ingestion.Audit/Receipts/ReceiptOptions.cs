namespace Ingestion.Audit.Receipts;

/// <summary>Where sites' receipts are written: bound from <c>Ingestion:Receipts</c>.</summary>
public sealed class ReceiptOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Receipts";

    /// <summary>The folder that receives <c>&lt;site&gt;/&lt;packet&gt;/&lt;document&gt;.receipt.json</c>; shared by every audit worker.</summary>
    public string Root { get; set; } = ".local/receipts";
}
