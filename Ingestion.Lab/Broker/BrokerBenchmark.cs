using System.Diagnostics;
using Ingestion.Messaging.Broker;
using MassTransit;

namespace Ingestion.Lab.Broker;

/// <summary>
/// The broker's raw limit: MassTransit sends persistent messages to one queue of the fleet's queue type (publisher
/// confirms on, as in the fleet) and one consumer with the fleet's prefetch takes them, with no retry, outbox or database
/// in the way. With <see cref="BrokerBenchSettings.Floor"/>, the same run is the durable floor the pipeline's
/// throughput is compared with.
/// </summary>
public static class BrokerBenchmark
{
    private const string Queue = "bench-broker";

    /// <summary>Runs one warm-up of a tenth of the messages, then the measured run.</summary>
    public static async Task<BrokerBenchResult> RunAsync(BrokerBenchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Messages, 1);
        var counter = new ConsumedCounter();
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.UseBroker(settings.Broker);
            rabbit.ReceiveEndpoint(Queue, endpoint =>
            {
                endpoint.PrefetchCount = settings.PrefetchCount;
                // The fleet's kind of queue (Ingestion:RabbitMq:QueueType), so that classic and quorum can be compared.
                foreach (var (key, value) in QueueArguments.Work(settings.Broker, Queue))
                {
                    endpoint.SetQueueArgument(key, value);
                }

                if (settings.Floor is { } floor)
                {
                    endpoint.Consumer(() => new DurableFloorConsumer(counter, floor));
                }
                else
                {
                    endpoint.Consumer(() => new BrokerBenchConsumer(counter));
                }
            });
        });
        await bus.StartAsync(cancellationToken);
        try
        {
            // To the queue's exchange, as the fleet sends: a queue: address would redeclare a quorum queue without its arguments.
            var endpoint = await bus.GetSendEndpoint(new Uri($"exchange:{Queue}"));
            // One empty message gives the envelope's size; the filler makes up the rest of the size asked for.
            var envelope = await RunOnceAsync(endpoint, counter, 1, string.Empty, 1, cancellationToken);
            var padding = new string('x', Math.Max(0, settings.MessageBytes - (int)envelope.MeanBodyBytes));
            // JIT, connection and channel set-up stay out of the measured run.
            await RunOnceAsync(endpoint, counter, Math.Max(1, settings.Messages / 10), padding, settings.SendersInFlight, cancellationToken);
            return await RunOnceAsync(endpoint, counter, settings.Messages, padding, settings.SendersInFlight, cancellationToken);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<BrokerBenchResult> RunOnceAsync(
        ISendEndpoint endpoint, ConsumedCounter counter, int messages, string padding, int inFlight, CancellationToken cancellationToken)
    {
        var consumed = counter.Expect(messages);
        var clock = Stopwatch.StartNew();
        var next = -1;
        var senders = Enumerable.Range(0, Math.Clamp(inFlight, 1, messages)).Select(async _ =>
        {
            int sequence;
            while ((sequence = Interlocked.Increment(ref next)) < messages)
            {
                await endpoint.Send(new BrokerBenchMessage { Sequence = sequence, Padding = padding }, cancellationToken);
            }
        });
        await Task.WhenAll(senders);
        var sent = clock.Elapsed.TotalSeconds;
        await consumed.WaitAsync(cancellationToken);
        return new BrokerBenchResult(messages, sent, clock.Elapsed.TotalSeconds, (double)counter.BodyBytes / messages);
    }
}
