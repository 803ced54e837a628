namespace Ingestion.WebConsole;

/// <summary>The review console's settings: bound from <c>Ingestion:Console</c>.</summary>
public sealed class ConsoleOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Console";

    /// <summary>
    /// Where people reach the RabbitMQ management UI, for the fleet page's dead-letter links; empty means the management
    /// API's own address (<c>http://host:managementPort</c>).
    /// </summary>
    public string ManagementUiUrl { get; set; } = string.Empty;

    /// <summary>Entries per segment of an export downloaded from the audit page.</summary>
    public int ExportSegmentSize { get; set; } = 1000;
}
