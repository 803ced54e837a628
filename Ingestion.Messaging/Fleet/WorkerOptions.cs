namespace Ingestion.Messaging.Fleet;

/// <summary>This worker process: bound from the <c>Ingestion:Worker</c> section.</summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Worker";

    /// <summary>The id recorded in the audit trail; host name and process id when empty.</summary>
    public string? WorkerId { get; set; }
}
