using Ingestion.Audit;
using Ingestion.Consumers;
using Ingestion.Identity;
using Ingestion.Messaging.Breakers;
using Ingestion.Messaging.Broker;
using Ingestion.Messaging.Fleet;
using Ingestion.Messaging.Resilience;
using Ingestion.Operations;
using Ingestion.Persistence.Content;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using Ingestion.Saga;
using Ingestion.Site;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Ingestion.Hosting;

/// <summary>Composes a worker or a client process from the libraries; the only place that knows all of them.</summary>
public static class IngestionHosting
{
    /// <summary>
    /// Adds configuration (appsettings.json, then <c>Ingestion__…</c> environment variables), logging, the database,
    /// the content store and a RabbitMQ bus with the endpoints of <paramref name="roles"/>.
    /// </summary>
    public static IHostApplicationBuilder AddIngestion(
        this IHostApplicationBuilder builder, FleetRoles roles, LogEventLevel minimumLevel = LogEventLevel.Information)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables();

        var services = builder.Services;
        // A command reports its own failure in one line (exit codes in the README); the bus's and the host's warnings,
        // each with a stack trace, would only repeat it. Workers keep them.
        var frameworkLevel = roles == FleetRoles.None && !ClientHost.Verbose ? LogEventLevel.Fatal : LogEventLevel.Warning;
        services.AddOptions<SeqOptions>().BindConfiguration(SeqOptions.Section);
        services.AddSerilog((sp, logger) =>
        {
            logger
                .ReadFrom.Configuration(builder.Configuration)
                .MinimumLevel.Is(minimumLevel)
                .MinimumLevel.Override("MassTransit", frameworkLevel)
                .MinimumLevel.Override("Microsoft", frameworkLevel)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("WorkerId", sp.GetRequiredService<WorkerIdentity>().Actor.WorkerId)
                // Everything to standard error: standard output belongs to the commands' results. Through a background
                // writer, because the console sink serializes every logging thread on one lock, and the saga logs while it
                // holds its row lock and connection; a full buffer blocks rather than dropping events.
                .WriteTo.Async(
                    sink => sink.Console(new CompactJsonFormatter(), standardErrorFromLevel: LogEventLevel.Verbose),
                    bufferSize: 10_000,
                    blockWhenFull: true);
            var seq = sp.GetRequiredService<IOptions<SeqOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(seq.ServerUrl))
            {
                logger.WriteTo.Seq(seq.ServerUrl, apiKey: seq.ApiKey, period: TimeSpan.FromMilliseconds(seq.PeriodMs));
            }
        });

        services.AddMetrics();
        if (roles != FleetRoles.None)
        {
            services.AddIngestionTelemetry(builder.Configuration);
        }

        services.AddWorkerIdentity();
        services.AddIngestionDatabase();
        services.AddContentStore();
        services.AddAccounts();
        services.AddDocumentIngestionServices();
        services.AddDocumentStages();
        services.AddAuditLedger();
        services.AddOperations();
        services.AddPostgresOutbox();
        services.AddRabbitMq();
        services.AddEndpointRetry();
        services.AddSites();

        // Before the bus and before anything that sends, in every process that starts: sends go to the queues' exchanges.
        services.AddFleetQueueDeclaration();
        if (roles != FleetRoles.None)
        {
            // Registered before the bus so that it starts first: no message is taken unless the schema is at this build's version.
            services.AddHostedService<SchemaCheckService>();
            services.AddComplianceHoldMonitor();
            services.AddBreakerAuditTrail();
            services.AddOutboxRelay();
            if (roles.HasFlag(FleetRoles.Saga))
            {
                services.AddSagaRecovery();
            }

            if (roles.HasFlag(FleetRoles.Audit))
            {
                services.AddLedgerAppender();
                services.AddPeriodicCheckpoints();
            }
        }

        FleetQueues.MapSendConventions();
        // A worker reports started only once its queues and bindings exist, so nothing is sent into a void.
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            // A command that sends waits for a broker that does not answer no longer than an operator would.
            o.StartTimeout = TimeSpan.FromSeconds(roles == FleetRoles.None ? 30 : 60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
            // Asked to stop, a worker lets a consumer finish for a few seconds (a saga step commits in milliseconds),
            // then cancels it: a document being read or OCR'd has its reader and tools killed and goes back to the queue.
            o.ConsumerStopTimeout = TimeSpan.FromSeconds(5);
        });
        services.AddMassTransit(bus =>
        {
            // On by default in MassTransit 8.5, it reports usage to the vendor over the internet; a regulated fleet
            // talks to nothing but its own broker, database and telemetry endpoints.
            bus.DisableUsageTelemetry();
            if (roles.HasFlag(FleetRoles.Saga))
            {
                bus.AddDocumentIngestionSaga();
            }

            if (roles.HasFlag(FleetRoles.Validate))
            {
                bus.AddValidationStage();
            }

            if (roles.HasFlag(FleetRoles.Parse))
            {
                bus.AddParseStage();
            }

            if (roles.HasFlag(FleetRoles.Archive))
            {
                bus.AddArchiveStage();
            }

            if (roles.HasFlag(FleetRoles.Audit))
            {
                bus.AddPacketReceipts();
            }

            bus.AddCircuitBreakers();
            bus.AddEndpointConcurrency();
            bus.AddQueueDeclarations();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.UseBroker(context.GetRequiredService<IOptions<RabbitMqOptions>>().Value);
                rabbit.UseQueueDeclarations(context.GetRequiredService<QueueDeclarations>());
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
