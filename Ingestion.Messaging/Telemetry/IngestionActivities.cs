using System.Diagnostics;

namespace Ingestion.Messaging.Telemetry;

/// <summary>The fleet's own spans, one per stage and document, beside MassTransit's and Npgsql's.</summary>
public static class IngestionActivities
{
    /// <summary>The activity source's name, to subscribe tracers to.</summary>
    public const string SourceName = "Ingestion";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the span of one stage for one document; null when nobody listens.</summary>
    public static Activity? StartStage(string stage, Guid correlationId, string siteId, string sha256)
    {
        var activity = Source.StartActivity($"ingestion.{stage}");
        activity?.SetTag("ingestion.stage", stage);
        activity?.SetTag("ingestion.correlation_id", correlationId.ToString());
        activity?.SetTag("ingestion.site_id", siteId);
        activity?.SetTag("ingestion.document_sha256", sha256);
        return activity;
    }

    /// <summary>The current trace id, for the audit trail; null when tracing is off.</summary>
    public static string? CurrentTraceId() => Activity.Current?.TraceId.ToHexString();
}
