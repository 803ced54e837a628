using Ingestion.Messaging.Redelivery;
using Ingestion.Messaging.Resilience;
using Ingestion.Persistence.Database;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingestion.Persistence.Outbox;

/// <summary>Registers the PostgreSQL inbox and outbox and puts them on receive endpoints.</summary>
public static class OutboxRegistration
{
    /// <summary>Adds the tables, the consume-side outbox, the bus outbox and its relay (not yet running).</summary>
    public static IServiceCollection AddPostgresOutbox(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        services.AddSingleton<ISchemaScript, OutboxSchema>();
        services.AddScoped<IOutboxContextFactory<IngestionDatabase>, PostgresOutboxContextFactory>();
        services.AddSingleton<DeliveredInboxRecords>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveredInboxRecords>());
        services.AddSingleton<OutboxRelay>();
        services.AddSingleton<BusOutbox>();
        return services;
    }

    /// <summary>Runs the relay and the inbox cleanup in this process (worker processes do; one-shot commands do not).</summary>
    public static IServiceCollection AddOutboxRelay(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        return services.AddHostedService<InboxCleanup>();
    }

    /// <summary>
    /// The chain every endpoint that writes or sends uses, in the only order that works: wait-queue redelivery outside the
    /// in-process retry (it sees a fault only once the retries are spent), the retry outside the durable outbox (each
    /// attempt is a fresh transaction). The retry takes transient faults, and what <paramref name="alsoRetry"/> adds, on
    /// the schedule configured for <paramref name="queue"/> (<c>Ingestion:Retry</c>).
    /// </summary>
    public static void UseRetriedDurableConsumption(
        this IReceiveEndpointConfigurator endpoint, IRegistrationContext context, string queue, Action<IRetryConfigurator>? alsoRetry = null)
    {
        endpoint.UseWaitQueueRedelivery(context, queue);
        endpoint.UseMessageRetry(retry =>
        {
            retry.Handle<Exception>(TransientFaults.IsTransient);
            alsoRetry?.Invoke(retry);
            retry.UseSchedule(context, queue);
        });
        endpoint.UsePostgresOutbox(context);
    }

    /// <summary>
    /// Replaces the in-memory outbox on an endpoint: each consumer's or saga's message runs in a PostgreSQL transaction
    /// that also holds its inbox record and what it sends.
    /// </summary>
    public static void UsePostgresOutbox(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(context);
        var options = context.GetRequiredService<IOptions<OutboxOptions>>().Value;
        var observer = new OutboxConsumePipeSpecificationObserver<IngestionDatabase>(endpoint, context)
        {
            MessageDeliveryLimit = Math.Max(1, options.MessageDeliveryLimit),
            MessageDeliveryTimeout = TimeSpan.FromSeconds(30),
        };
        endpoint.ConnectConsumerConfigurationObserver(observer);
        endpoint.ConnectSagaConfigurationObserver(observer);
    }
}
