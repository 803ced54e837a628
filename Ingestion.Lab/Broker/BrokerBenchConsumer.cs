using MassTransit;

namespace Ingestion.Lab.Broker;

/// <summary>Takes a benchmark message and does nothing else, so that only the broker and MassTransit are measured.</summary>
internal sealed class BrokerBenchConsumer(ConsumedCounter counter) : IConsumer<BrokerBenchMessage>
{
    public Task Consume(ConsumeContext<BrokerBenchMessage> context)
    {
        counter.Consumed(context.ReceiveContext.Body.Length ?? 0);
        return Task.CompletedTask;
    }
}
