namespace Ingestion.Contracts;

/// <summary>The worker process that acted.</summary>
public record AuditActor
{
    /// <summary>The worker's configured id, for example <c>worker-1</c>.</summary>
    public required string WorkerId { get; init; }

    /// <summary>The machine's host name.</summary>
    public required string Host { get; init; }

    /// <summary>The operating-system process id.</summary>
    public required int ProcessId { get; init; }
}
