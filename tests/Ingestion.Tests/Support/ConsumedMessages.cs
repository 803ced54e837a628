using System.Collections.Concurrent;
using System.Text;
using MassTransit;

namespace Ingestion.Tests.Support;

/// <summary>Records the id, correlation id and headers of every message of type <typeparamref name="TMessage"/> a worker consumed.</summary>
internal sealed class ConsumedMessages<TMessage> : IConsumeObserver
    where TMessage : class
{
    private readonly ConcurrentQueue<ConsumedMessage> _consumed = new();

    public IReadOnlyList<ConsumedMessage> All => [.. _consumed];

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.Message is TMessage)
        {
            _consumed.Enqueue(new ConsumedMessage(
                context.MessageId,
                context.CorrelationId,
                // The AMQP headers: ConsumeContext.Headers holds the JSON envelope's headers instead.
                context.ReceiveContext.TransportHeaders.GetAll()
                    .ToDictionary(h => h.Key, h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value?.ToString(), StringComparer.OrdinalIgnoreCase)));
        }

        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
