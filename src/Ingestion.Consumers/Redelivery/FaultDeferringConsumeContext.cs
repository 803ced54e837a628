using MassTransit;
using MassTransit.Context;

namespace Ingestion.Consumers.Redelivery;

/// <summary>
/// Holds back the faults the in-process retry reports once its budget is spent. Without it MassTransit would
/// publish <c>Fault&lt;T&gt;</c> at once and the saga would reject a document that is only waiting to be redelivered.
/// The same technique MassTransit's own retry uses (<c>RetryConsumeContext</c>).
/// </summary>
internal sealed class FaultDeferringConsumeContext : ConsumeContextScope
{
    private readonly ConsumeContext _context;
    private readonly PendingFaultCollection _faults = new();
    private Func<Task>? _markConsumed;

    public FaultDeferringConsumeContext(ConsumeContext context)
        : base(context)
    {
        _context = context;
    }

    /// <summary>True once a consumer has faulted, so that there is a message context to mark as consumed.</summary>
    public bool HasFaulted => _markConsumed is not null;

    public override Task NotifyFaulted<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
    {
        _faults.Add(context, duration, consumerType, exception);
        _markConsumed = () => _context.NotifyConsumed(context, duration, consumerType);
        return Task.CompletedTask;
    }

    /// <summary>Reports the held faults as they would have been without redelivery.</summary>
    public Task ReleaseFaultsAsync() => _faults.Notify(_context);

    /// <summary>
    /// Drops the held faults and marks the message consumed: its copy is in a wait queue, and a message neither
    /// consumed nor faulted would be moved to <c>_skipped</c>.
    /// </summary>
    public Task HandOverAsync() => _markConsumed?.Invoke() ?? Task.CompletedTask;
}
