namespace Ingestion.Hosting;

/// <summary>Where metrics go: bound from <c>Ingestion:Telemetry</c>. Both exporters are off while unset.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Telemetry";

    /// <summary>An OTLP endpoint (for example <c>http://127.0.0.1:4317</c>) to push metrics to.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>A loopback port to serve a Prometheus scrape endpoint on (<c>/metrics</c>); 0 for none.</summary>
    public int PrometheusPort { get; set; }
}
