using System.Runtime.ExceptionServices;
using Ingestion.Messaging.Breakers;
using Ingestion.Messaging.Broker;
using Ingestion.Messaging.Resilience;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Ingestion.Messaging.Redelivery;

/// <summary>
/// Sits outside a stage's in-process retry, so it sees a transient fault only once that budget is spent. While
/// the message's redeliveries are within the bound it parks a copy in the wait queue of the next step and lets
/// the original be acknowledged; past the bound, or for any other fault, the message faults as it always has
/// (<c>_error</c> queue, <c>Fault&lt;T&gt;</c>). No loss: the original is acknowledged only after the broker has
/// confirmed the copy; a worker that dies before that leaves the original on the input queue (a duplicate at
/// worst, which the saga ignores).
/// </summary>
internal sealed class StageRedeliveryFilter(
    string inputQueue,
    RedeliverySchedule schedule,
    QueueDeclarations declarations,
    Func<BreakerStates?> breakers,
    ILogger<StageRedeliveryFilter> logger)
    : IFilter<ConsumeContext>
{
    private const int MaxReasonLength = 500;

    public void Probe(ProbeContext context)
    {
        var scope = context.CreateFilterScope("waitQueueRedelivery");
        scope.Add("maxRedeliveries", schedule.MaxRedeliveries);
    }

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        var deferring = new FaultDeferringConsumeContext(context);
        Exception failure;
        try
        {
            await next.Send(deferring);
            await deferring.ReleaseFaultsAsync();
            return;
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        var redelivery = context.RedeliveryCount() + 1;
        if (!deferring.CanHandOver || !TransientFaults.IsTransient(failure) || redelivery > schedule.MaxRedeliveries
            || context.CancellationToken.IsCancellationRequested)
        {
            await deferring.ReleaseFaultsAsync();
            ExceptionDispatchInfo.Throw(failure);
        }

        var delay = schedule.DelayMs(redelivery);
        var expiration = schedule.ExpirationMs(redelivery, context.MessageId);
        var waitQueue = RedeliverySchedule.WaitQueue(inputQueue, delay);
        try
        {
            await WaitQueuePublisher.PublishAsync(
                context.ReceiveContext, declarations, inputQueue, waitQueue, delay, expiration, Headers(context, redelivery, waitQueue, failure));
        }
        catch (Exception parkFailure)
        {
            // Without its copy stored the original must not be acknowledged: it faults as without redelivery.
            logger.LogError(
                parkFailure,
                "Could not park message {MessageId} of {CorrelationId} in {WaitQueue}; faulting it instead",
                context.MessageId, context.CorrelationId, waitQueue);
            await deferring.ReleaseFaultsAsync();
            ExceptionDispatchInfo.Throw(failure);
        }

        await deferring.HandOverAsync();
        if (!deferring.InfrastructureFailure)
        {
            // A consumer's fault handed over is not reported, so the breaker would not see it; the outbox counts its own.
            await deferring.CountFailureAsync(breakers(), inputQueue);
        }

        logger.LogWarning(
            failure,
            "Message {MessageId} of {CorrelationId} on {InputQueue} failed transiently after its in-process retries; redelivery {Redelivery} of {MaxRedeliveries} in {ExpirationMs} ms through {WaitQueue}",
            context.MessageId, context.CorrelationId, inputQueue, redelivery, schedule.MaxRedeliveries, expiration, waitQueue);
    }

    private static Dictionary<string, object?> Headers(ConsumeContext context, int redelivery, string waitQueue, Exception failure)
    {
        var reason = $"{failure.GetType().Name}: {failure.Message}";
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [RedeliveryHeaders.Count] = redelivery,
            [RedeliveryHeaders.MessageId] = context.MessageId?.ToString(),
            [RedeliveryHeaders.CorrelationId] = context.CorrelationId?.ToString(),
            [RedeliveryHeaders.WaitQueue] = waitQueue,
            [RedeliveryHeaders.Reason] = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason,
        };
    }
}
