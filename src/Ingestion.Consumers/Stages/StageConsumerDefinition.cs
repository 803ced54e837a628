using Ingestion.Consumers.Redelivery;
using Ingestion.Infrastructure.Outbox;
using Ingestion.Infrastructure.Resilience;
using MassTransit;
using MassTransit.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers;

/// <summary>
/// A stage's endpoint: wait-queue redelivery (<c>Ingestion:Redelivery</c>) around its retry budget for transient
/// faults (<c>Ingestion:Retry:&lt;Stage&gt;</c>), then the durable outbox, so that nothing a failed attempt produced is
/// ever sent and a redelivered message that was already consumed only has its results sent.
/// </summary>
internal abstract class StageConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly StageRetryOptions _retry;
    private readonly string _queue;

    protected StageConsumerDefinition(IOptionsMonitor<StageRetryOptions> retry, string stage, string queue)
    {
        ArgumentNullException.ThrowIfNull(retry);
        _retry = retry.Get(stage);
        _queue = queue;
        EndpointName = queue;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // A pre-pipe filter runs before the dispatch by message type, where MassTransit puts the retry and the outbox,
        // so it is outside both and sees a fault only once the in-process retries are spent.
        var redelivery = ActivatorUtilities.CreateInstance<StageRedeliveryFilter>(context, _queue);
        endpointConfigurator.AddPrePipeSpecification(new FilterPipeSpecification<ConsumeContext>(redelivery));
        endpointConfigurator.UseMessageRetry(r => r.ForStage(_retry));
        endpointConfigurator.UsePostgresOutbox(context);
    }
}
