using Ingestion.Infrastructure.Resilience;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers;

/// <summary>
/// A stage's endpoint: its retry budget for transient faults (<c>Ingestion:Retry:&lt;Stage&gt;</c>), then the
/// in-memory outbox, so that nothing a failed attempt produced is ever sent.
/// </summary>
internal abstract class StageConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly StageRetryOptions _retry;

    protected StageConsumerDefinition(IOptionsMonitor<StageRetryOptions> retry, string stage, string queue)
    {
        ArgumentNullException.ThrowIfNull(retry);
        _retry = retry.Get(stage);
        EndpointName = queue;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.ForStage(_retry));
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
