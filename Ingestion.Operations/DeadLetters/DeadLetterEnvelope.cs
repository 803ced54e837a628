using System.Text.Json;

namespace Ingestion.Operations.DeadLetters;

/// <summary>What the dead-letter tooling reads from MassTransit's JSON envelope.</summary>
internal readonly record struct DeadLetterEnvelope(
    string? MessageId, string? CorrelationId, string? SiteId, string? ErrorCode, IReadOnlyList<string>? DocumentHashes)
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
                String(message, "errorCode"),
                DocumentHashesOf(message));
        }
        catch (JsonException)
        {
            // Not a JSON envelope (raw or binary body): identity comes from the AMQP properties alone.
            return default;
        }
    }

    // Every document hash the message carries (sha256, documentSha256, at any depth: a packet lists one per document),
    // so that a dead letter can be checked against what the site declared.
    private static List<string> DocumentHashesOf(JsonElement message)
    {
        var hashes = new List<string>();
        Collect(message);
        return hashes;

        void Collect(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String
                        && (property.NameEquals("sha256") || property.NameEquals("documentSha256"))
                        && property.Value.GetString() is { Length: > 0 } hash)
                    {
                        hashes.Add(hash);
                    }
                    else
                    {
                        Collect(property.Value);
                    }
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item);
                }
            }
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? DeadLetterReader.NullIfEmpty(value.GetString())
            : null;
}
