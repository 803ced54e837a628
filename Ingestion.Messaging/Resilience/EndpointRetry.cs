using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Ingestion.Messaging.Resilience;

/// <summary>Registers the endpoints' retry schedules and applies one to an endpoint's retry.</summary>
public static class EndpointRetry
{
    /// <summary>
    /// Adds <see cref="EndpointRetryOptions"/>: an unknown key, an impossible schedule or an entry for a queue the fleet
    /// does not have fails when the host starts. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddEndpointRetry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(s => s.ServiceType == typeof(IValidateOptions<EndpointRetryOptions>)))
        {
            return services;
        }

        services.AddOptions<EndpointRetryOptions>()
            .BindConfiguration(EndpointRetryOptions.Section, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EndpointRetryOptions>, EndpointRetryOptionsValidator>());
        return services;
    }

    /// <summary>Retries with the schedule configured for <paramref name="queue"/> (<c>Ingestion:Retry</c>).</summary>
    public static void UseSchedule(this IRetryConfigurator retry, IRegistrationContext context, string queue)
    {
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(context);
        var schedule = context.GetRequiredService<IOptions<EndpointRetryOptions>>().Value.For(queue);
        if (schedule.RetryLimit <= 0)
        {
            retry.None();
            return;
        }

        retry.Exponential(
            schedule.RetryLimit,
            TimeSpan.FromMilliseconds(schedule.MinIntervalMs),
            TimeSpan.FromMilliseconds(schedule.MaxIntervalMs),
            TimeSpan.FromMilliseconds(schedule.IntervalDeltaMs));
    }
}
