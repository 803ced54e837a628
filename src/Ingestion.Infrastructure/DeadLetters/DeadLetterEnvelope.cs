using System.Text.Json;

namespace Ingestion.Infrastructure.DeadLetters;

/// <summary>What the dead-letter tooling reads from MassTransit's JSON envelope.</summary>
internal readonly record struct DeadLetterEnvelope(string? MessageId, string? CorrelationId, string? SiteId, string? ErrorCode)
{
    // MassTransit's JSON envelope is camelCase: messageId, correlationId, message { siteId, errorCode, correlationId, … }.
    public static DeadLetterEnvelope Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            return new DeadLetterEnvelope(
                String(root, "messageId"),
                String(root, "correlationId") ?? String(message, "correlationId"),
                String(message, "siteId"),
                String(message, "errorCode"));
        }
        catch (JsonException)
        {
            // Not a JSON envelope (raw or binary body): identity comes from the AMQP properties alone.
            return default;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? DeadLetterReader.NullIfEmpty(value.GetString())
            : null;
}
