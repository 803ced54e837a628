using Ingestion.Messaging.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ingestion.Hosting;

/// <summary>Exports the fleet's traces over OTLP and its metrics over OTLP and on a Prometheus scrape endpoint, each when configured.</summary>
internal static class TelemetryRegistration
{
    public static IServiceCollection AddIngestionTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint) && options.PrometheusPort <= 0)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry();
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            // One document's path is one trace: MassTransit carries the trace context in message headers across workers.
            telemetry.WithTracing(tracing => tracing
                .AddSource("MassTransit", IngestionActivities.SourceName)
                .AddNpgsql()
                .AddOtlpExporter(o => o.Endpoint = new Uri(options.OtlpEndpoint)));
        }

        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(IngestionMetrics.MeterName);
            if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
            {
                metrics.AddOtlpExporter(o => o.Endpoint = new Uri(options.OtlpEndpoint));
            }

            if (options.PrometheusPort > 0)
            {
                metrics.AddPrometheusHttpListener(o =>
                {
                    o.Host = "127.0.0.1";
                    o.Port = options.PrometheusPort;
                });
            }
        });
        return services;
    }
}
