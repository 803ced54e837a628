using Ingestion.Messaging.Breakers;
using MassTransit;
using MassTransit.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Messaging.Redelivery;

/// <summary>Registers wait-queue redelivery and puts it on receive endpoints.</summary>
public static class RedeliveryRegistration
{
    /// <summary>Adds the schedule, bound from <c>Ingestion:Redelivery</c>.</summary>
    public static IServiceCollection AddWaitQueueRedelivery(this IServiceCollection services)
    {
        services.AddOptions<StageRedeliveryOptions>()
            .BindConfiguration(StageRedeliveryOptions.Section)
            .Validate(
                o => o.MaxRedeliveries >= 0 && o.BaseDelayMs > 0 && o.MaxDelayMs >= o.BaseDelayMs
                    && double.IsFinite(o.Factor) && o.Factor >= 1 && o.Jitter is >= 0 and <= 0.5,
                $"{StageRedeliveryOptions.Section}: MaxRedeliveries must be 0 or more, BaseDelayMs positive and at most MaxDelayMs, Factor at least 1, Jitter 0-0.5.");
        services.AddSingleton<RedeliverySchedule>();
        return services;
    }

    /// <summary>
    /// Parks a message whose transient fault outlasted the endpoint's in-process retries in a wait queue, to come back
    /// to <paramref name="queue"/> later, instead of dead-lettering it. Call before the retry and outbox configuration.
    /// </summary>
    public static void UseWaitQueueRedelivery(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context, string queue)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        // A pre-pipe filter runs before the dispatch by message type, where MassTransit puts the retry and the outbox,
        // so it is outside both and sees a fault only once the in-process retries are spent.
        Func<BreakerStates?> breakers = context.GetService<BreakerStates>;
        var redelivery = ActivatorUtilities.CreateInstance<StageRedeliveryFilter>(context, queue, breakers);
        endpoint.AddPrePipeSpecification(new FilterPipeSpecification<ConsumeContext>(redelivery));
    }
}
