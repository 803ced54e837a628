using System.Text.Json;

namespace Ingestion.Audit.Export;

/// <summary>One audit entry as a step of a timeline, read back from its canonical JSON.</summary>
public sealed record TimelineEntry
{
    /// <summary>The entry's seq.</summary>
    public required long Seq { get; init; }

    /// <summary>When the step happened, ISO 8601 UTC with microseconds.</summary>
    public required string OccurredAt { get; init; }

    /// <summary>The action, e.g. <c>VALIDATE</c> or <c>DLQ_REPLAY</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The state before, if any.</summary>
    public string? FromState { get; init; }

    /// <summary>The state after.</summary>
    public required string ToState { get; init; }

    /// <summary>The outcome.</summary>
    public required string Outcome { get; init; }

    /// <summary>The error code, if any.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The reason, if any.</summary>
    public string? Reason { get; init; }

    /// <summary>The attempt number.</summary>
    public required int Attempt { get; init; }

    /// <summary>Who did it: the worker id or <c>operator:NAME</c>.</summary>
    public required string Actor { get; init; }

    /// <summary>The document's correlation id.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The packet id; the empty GUID for operator and system entries.</summary>
    public required Guid PacketId { get; init; }

    /// <summary>The site.</summary>
    public required string SiteId { get; init; }

    /// <summary>The document's SHA-256.</summary>
    public required string DocumentSha256 { get; init; }

    /// <summary>The step of an entry's canonical JSON (the exact record that was hashed).</summary>
    public static TimelineEntry FromCanonicalJson(ReadOnlySpan<byte> canonicalJson)
    {
        var reader = new Utf8JsonReader(canonicalJson);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        string? Text(string name) => root.GetProperty(name).ValueKind == JsonValueKind.Null ? null : root.GetProperty(name).GetString();
        return new TimelineEntry
        {
            Seq = root.GetProperty("seq").GetInt64(),
            OccurredAt = Text("occurred_at") ?? string.Empty,
            Action = Text("action") ?? string.Empty,
            FromState = Text("from_state"),
            ToState = Text("to_state") ?? string.Empty,
            Outcome = Text("outcome") ?? string.Empty,
            ErrorCode = Text("error_code"),
            Reason = Text("reason"),
            Attempt = root.GetProperty("attempt").GetInt32(),
            Actor = Text("actor_worker_id") ?? string.Empty,
            CorrelationId = root.GetProperty("correlation_id").GetGuid(),
            PacketId = root.GetProperty("packet_id").GetGuid(),
            SiteId = Text("site_id") ?? string.Empty,
            DocumentSha256 = Text("document_sha256") ?? string.Empty,
        };
    }
}
