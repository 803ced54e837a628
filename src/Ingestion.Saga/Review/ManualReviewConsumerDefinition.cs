using Ingestion.Infrastructure.Fleet;
using Ingestion.Infrastructure.Resilience;
using MassTransit;

namespace Ingestion.Saga.Review;

/// <summary>The <c>manual-review</c> endpoint.</summary>
internal sealed class ManualReviewConsumerDefinition : ConsumerDefinition<ManualReviewConsumer>
{
    public ManualReviewConsumerDefinition()
    {
        EndpointName = FleetQueues.ManualReview;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ManualReviewConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientFaults.IsTransient);
            r.Exponential(10, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100));
        });
    }
}
