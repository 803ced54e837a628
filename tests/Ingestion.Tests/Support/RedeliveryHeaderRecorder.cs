using System.Collections.Concurrent;
using Ingestion.Messaging.Redelivery;
using MassTransit;

namespace Ingestion.Tests.Support;

/// <summary>Records, per message type, the wait-queue redelivery count of every delivery an in-process worker consumes.</summary>
internal sealed class RedeliveryHeaderRecorder : IConsumeObserver
{
    private readonly ConcurrentQueue<(Type MessageType, int Redelivery)> _seen = new();

    /// <summary>The distinct redelivery counts seen for <typeparamref name="T"/>, ascending.</summary>
    public IReadOnlyList<int> RedeliveriesOf<T>() =>
        [.. _seen.Where(s => s.MessageType == typeof(T)).Select(s => s.Redelivery).Distinct().Order()];

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        _seen.Enqueue((typeof(T), context.RedeliveryCount()));
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
