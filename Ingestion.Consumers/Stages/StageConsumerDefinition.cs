using Ingestion.Messaging.Resilience;
using Ingestion.Persistence.Outbox;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers;

/// <summary>
/// A stage's endpoint: wait-queue redelivery (<c>Ingestion:Redelivery</c>) around its retry schedule for transient
/// faults (<c>Ingestion:Retry</c>), then the durable outbox, so that nothing a failed attempt produced is ever sent and
/// a redelivered message that was already consumed only has its results sent; innermost, the stage's opening
/// (<see cref="StageOpeningFilter{TConsumer,TMessage}"/>).
/// </summary>
internal abstract class StageConsumerDefinition<TConsumer, TMessage> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<TMessage>
    where TMessage : class
{
    private readonly string _stage;
    private readonly Func<TMessage, StageDocument> _document;

    // EndpointName can only be set, not read.
    private readonly string _queue;

    protected StageConsumerDefinition(string stage, string queue, Func<TMessage, StageDocument> document)
    {
        _stage = stage;
        _queue = queue;
        _document = document;
        EndpointName = queue;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseRetriedDurableConsumption(context, _queue);
        var attemptsPerDelivery = Math.Max(0, context.GetRequiredService<IOptions<EndpointRetryOptions>>().Value.For(_queue).RetryLimit) + 1;
        var opening = new StageOpeningFilter<TConsumer, TMessage>(
            _stage, _document, attemptsPerDelivery, context.GetRequiredService<ILogger<TConsumer>>());
        consumerConfigurator.ConsumerMessage<TMessage>(message => message.UseFilter(opening));
    }
}
