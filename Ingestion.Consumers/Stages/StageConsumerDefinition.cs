using Ingestion.Messaging.Redelivery;
using Ingestion.Messaging.Resilience;
using Ingestion.Persistence.Outbox;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers;

/// <summary>
/// A stage's endpoint: wait-queue redelivery (<c>Ingestion:Redelivery</c>) around its retry schedule for transient
/// faults (<c>Ingestion:Retry</c>); innermost, the stage's opening (<see cref="StageOpeningFilter{TConsumer,TMessage}"/>).
/// A stage that writes (archive) consumes inside the durable outbox, so that nothing a failed attempt produced is ever
/// sent and a redelivered message that was already consumed only has its results sent. A stage that only computes
/// (validate, parse) has no transaction at all: reading a document can take a minute, and no database transaction or
/// connection may be held that long; its one result carries an id derived from the command's
/// (<see cref="StageResults"/>), so the saga's inbox takes a repeat once.
/// </summary>
internal abstract class StageConsumerDefinition<TConsumer, TMessage> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<TMessage>
    where TMessage : class
{
    private readonly string _stage;
    private readonly Func<TMessage, StageDocument> _document;
    private readonly bool _computesOnly;

    // EndpointName can only be set, not read.
    private readonly string _queue;

    protected StageConsumerDefinition(string stage, string queue, Func<TMessage, StageDocument> document, bool computesOnly = false)
    {
        _stage = stage;
        _queue = queue;
        _document = document;
        _computesOnly = computesOnly;
        EndpointName = queue;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        if (_computesOnly)
        {
            endpointConfigurator.UseWaitQueueRedelivery(context, _queue);
            endpointConfigurator.UseMessageRetry(retry =>
            {
                retry.Handle<Exception>(TransientFaults.IsTransient);
                retry.UseSchedule(context, _queue);
            });
        }
        else
        {
            endpointConfigurator.UseRetriedDurableConsumption(context, _queue);
        }

        var attemptsPerDelivery = Math.Max(0, context.GetRequiredService<IOptions<EndpointRetryOptions>>().Value.For(_queue).RetryLimit) + 1;
        var opening = new StageOpeningFilter<TConsumer, TMessage>(
            _stage, _document, attemptsPerDelivery, context.GetRequiredService<ILogger<TConsumer>>());
        consumerConfigurator.ConsumerMessage<TMessage>(message => message.UseFilter(opening));
    }
}
