using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RabbitMQ.Client;

namespace Ingestion.Operations.DeadLetters;

/// <summary>Reads what MassTransit left on a faulted message: its fault headers, its identity and its JSON envelope.</summary>
internal static class DeadLetterReader
{
    public const string ExceptionTypeHeader = "MT-Fault-ExceptionType";
    public const string TimestampHeader = "MT-Fault-Timestamp";

    public static DeadLetter Read(string queue, BasicGetResult message)
    {
        var properties = message.BasicProperties;
        var raw = properties.Headers ?? new Dictionary<string, object?>();
        var headers = raw
            .Select(h => new KeyValuePair<string, string>(h.Key, Text(h.Value)))
            .ToList();
        var envelope = DeadLetterEnvelope.Parse(message.Body.Span);
        var exceptionType = Header(headers, ExceptionTypeHeader) ?? "(no fault header)";
        return new DeadLetter
        {
            Queue = queue,
            MessageId = NullIfEmpty(properties.MessageId) ?? envelope.MessageId,
            CorrelationId = NullIfEmpty(properties.CorrelationId) ?? envelope.CorrelationId,
            ExceptionType = exceptionType,
            SiteId = envelope.SiteId ?? "-",
            ErrorCode = envelope.ErrorCode ?? DeadLetterFilter.ShortName(exceptionType),
            FaultedAt = Timestamp(raw.TryGetValue(TimestampHeader, out var faultedAt) ? faultedAt : null),
            PayloadSha256 = Convert.ToHexStringLower(SHA256.HashData(message.Body.Span)),
            PayloadBytes = message.Body.Length,
            DocumentHashes = envelope.DocumentHashes ?? [],
            Headers = headers,
        };
    }

    private static string? Header(List<KeyValuePair<string, string>> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    // RabbitMQ.Client hands AMQP long strings over as raw bytes.
    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        AmqpTimestamp timestamp => DateTimeOffset.FromUnixTimeSeconds(timestamp.UnixTime).ToString("O", CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items and not string => $"[{string.Join(", ", items.Cast<object?>().Select(Text))}]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static DateTimeOffset? Timestamp(object? value) => value switch
    {
        AmqpTimestamp timestamp => DateTimeOffset.FromUnixTimeSeconds(timestamp.UnixTime),
        long seconds => DateTimeOffset.FromUnixTimeSeconds(seconds),
        null => null,
        _ => DateTimeOffset.TryParse(Text(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null,
    };

    internal static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
