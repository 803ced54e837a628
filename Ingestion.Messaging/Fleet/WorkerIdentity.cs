using Ingestion.Contracts;
using Microsoft.Extensions.Options;

namespace Ingestion.Messaging.Fleet;

/// <summary>Who this process is in the audit trail.</summary>
public sealed class WorkerIdentity(IOptions<WorkerOptions> options)
{
    /// <summary>The actor recorded on everything this process does.</summary>
    public AuditActor Actor { get; } = new()
    {
        WorkerId = string.IsNullOrWhiteSpace(options.Value.WorkerId)
            ? $"{Environment.MachineName}-{Environment.ProcessId}"
            : options.Value.WorkerId,
        Host = Environment.MachineName,
        ProcessId = Environment.ProcessId,
    };
}
