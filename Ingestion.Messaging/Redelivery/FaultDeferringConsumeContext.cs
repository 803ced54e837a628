using MassTransit;
using MassTransit.Context;

namespace Ingestion.Messaging.Redelivery;

/// <summary>
/// Holds back the faults the in-process retry reports once its budget is spent. Without it MassTransit would
/// publish <c>Fault&lt;T&gt;</c> at once and the saga would reject a document that is only waiting to be redelivered.
/// The same technique MassTransit's own retry uses (<c>RetryConsumeContext</c>).
/// </summary>
public sealed class FaultDeferringConsumeContext : ConsumeContextScope
{
    private readonly ConsumeContext _context;
    private readonly PendingFaultCollection _faults = new();
    private Func<Task>? _markConsumed;
    private Func<Breakers.BreakerStates, string, Task>? _countFailure;

    public FaultDeferringConsumeContext(ConsumeContext context)
        : base(context)
    {
        _context = context;
    }

    /// <summary>
    /// True once a consumer has faulted or the outbox has reported a failure to deliver what a consumer produced, so that
    /// there is a message context to mark as consumed when the message is handed over to a wait queue.
    /// </summary>
    public bool CanHandOver => _markConsumed is not null;

    /// <summary>True when the failure was the database's or the broker's around the consumer, not the consumer's own.</summary>
    public bool InfrastructureFailure { get; private set; }

    /// <summary>
    /// Takes note of a failure of the durable outbox around a consumer (the database or the broker failing before the
    /// consumer ran, at the commit, or while delivering what it produced). The message may be handed over to a wait
    /// queue, and its next delivery finds in the inbox how far it got; but it must not fault as a consumer would: a
    /// <c>Fault&lt;T&gt;</c> would tell the saga that the stage failed when its work may well have been committed.
    /// </summary>
    public void InfrastructureFailed<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class
    {
        InfrastructureFailure = true;
        _markConsumed ??= () => _context.NotifyConsumed(context, duration, consumerType);
        _countFailure ??= (breakers, endpoint) => breakers.CountFailureAsync(endpoint, context, exception);
    }

    public override Task NotifyFaulted<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
    {
        _faults.Add(context, duration, consumerType, exception);
        _markConsumed = () => _context.NotifyConsumed(context, duration, consumerType);
        _countFailure = (breakers, endpoint) => breakers.CountFailureAsync(endpoint, context, exception);
        return Task.CompletedTask;
    }

    /// <summary>Reports the held faults as they would have been without redelivery.</summary>
    public Task ReleaseFaultsAsync() => _faults.Notify(_context);

    /// <summary>
    /// Drops the held faults and marks the message consumed: its copy is in a wait queue, and a message neither
    /// consumed nor faulted would be moved to <c>_skipped</c>.
    /// </summary>
    public Task HandOverAsync() => _markConsumed?.Invoke() ?? Task.CompletedTask;

    /// <summary>Counts the held fault against the endpoint's breaker, which a handed-over message would not reach.</summary>
    public Task CountFailureAsync(Breakers.BreakerStates? breakers, string endpoint) =>
        breakers is not null && _countFailure is not null ? _countFailure(breakers, endpoint) : Task.CompletedTask;
}
