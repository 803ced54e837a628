using Ingestion.Audit.Ledger;
using MassTransit;

namespace Ingestion.Saga.Documents;

/// <summary>
/// Where a transition's audit entry goes. In the fleet it is staged in the database transaction of the saga step that
/// makes the transition, so the state and its entry commit together; a test harness without a database records it in memory.
/// </summary>
public interface ITransitionAuditWriter
{
    /// <summary>Writes <paramref name="entry"/> as part of the step that consumes <paramref name="context"/>'s message.</summary>
    Task WriteAsync(ConsumeContext context, AuditEntry entry);
}
