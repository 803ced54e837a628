using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RabbitMQ.Client;

namespace Ingestion.Operations.DeadLetters;

/// <summary>
/// Reads what is known about a dead letter: MassTransit's fault headers on a message whose consumer faulted, or
/// RabbitMQ's dead-lettering headers (<c>x-death</c>, <c>x-first-death-*</c>) on one the broker moved itself (a quorum
/// queue's delivery limit); and its identity and JSON envelope.
/// </summary>
internal static class DeadLetterReader
{
    public const string ExceptionTypeHeader = "MT-Fault-ExceptionType";
    public const string MessageHeader = "MT-Fault-Message";
    public const string TimestampHeader = "MT-Fault-Timestamp";
    public const string DeathReasonHeader = "x-first-death-reason";
    public const string DeathQueueHeader = "x-first-death-queue";
    public const string DeathsHeader = "x-death";
    public const string DeliveryCountHeader = "x-delivery-count";

    public static DeadLetter Read(string queue, BasicGetResult message)
    {
        var properties = message.BasicProperties;
        var raw = properties.Headers ?? new Dictionary<string, object?>();
        var headers = raw
            .Select(h => new KeyValuePair<string, string>(h.Key, Text(h.Value)))
            .ToList();
        var envelope = DeadLetterEnvelope.Parse(message.Body.Span);
        var faultType = Header(headers, ExceptionTypeHeader);
        var deathReason = faultType is null ? Header(headers, DeathReasonHeader) : null;
        var exceptionType = faultType ?? (deathReason is null ? "(no fault header)" : $"RabbitMQ {deathReason}");
        var death = raw.TryGetValue(DeathsHeader, out var deaths) ? FirstDeath(deaths) : null;
        return new DeadLetter
        {
            Queue = queue,
            MessageId = NullIfEmpty(properties.MessageId) ?? envelope.MessageId,
            CorrelationId = NullIfEmpty(properties.CorrelationId) ?? envelope.CorrelationId,
            ExceptionType = exceptionType,
            Reason = faultType is not null
                ? FirstLine(Header(headers, MessageHeader)) ?? exceptionType
                : deathReason is not null ? BrokerReason(deathReason, Header(headers, DeathQueueHeader), death) : "(no fault header)",
            SiteId = envelope.SiteId ?? "-",
            ErrorCode = envelope.ErrorCode ?? (deathReason is not null ? deathReason.ToUpperInvariant() : DeadLetterFilter.ShortName(exceptionType)),
            FaultedAt = Timestamp(raw.TryGetValue(TimestampHeader, out var faultedAt) ? faultedAt : Field(death, "time")),
            PayloadSha256 = Convert.ToHexStringLower(SHA256.HashData(message.Body.Span)),
            PayloadBytes = message.Body.Length,
            DocumentHashes = envelope.DocumentHashes ?? [],
            Headers = headers,
        };
    }

    private static string BrokerReason(string reason, string? fromQueue, IDictionary<string, object?>? death)
    {
        var from = fromQueue ?? "its queue";
        var times = Field(death, "count") is { } count ? $" (dead-lettered {Text(count)} time(s) for this reason)" : string.Empty;
        return reason switch
        {
            "delivery_limit" =>
                $"RabbitMQ took it out of {from}: it was delivered more often than the queue's delivery limit (x-delivery-limit) " +
                $"allows without ever being acknowledged, so its consumer crashed, was killed or was stopped each time it had it{times}. " +
                "Find out why before replaying it.",
            "rejected" => $"RabbitMQ dead-lettered it from {from}: a consumer rejected it without requeueing{times}.",
            "expired" => $"RabbitMQ dead-lettered it from {from}: its time to live ran out{times}.",
            "maxlen" => $"RabbitMQ dead-lettered it from {from}: the queue was at its length limit{times}.",
            _ => $"RabbitMQ dead-lettered it from {from}: {reason}{times}.",
        };
    }

    // The newest death first, as RabbitMQ keeps them; each is a table of queue, reason, count, time, exchange and routing keys.
    private static IDictionary<string, object?>? FirstDeath(object? deaths) =>
        deaths is System.Collections.IEnumerable items and not byte[] and not string
            ? items.OfType<IDictionary<string, object?>>().FirstOrDefault()
            : null;

    private static object? Field(IDictionary<string, object?>? table, string key) =>
        table is not null && table.TryGetValue(key, out var value) ? value : null;

    private static string? FirstLine(string? text) => text?.Split('\n')[0].TrimEnd('\r');

    private static string? Header(List<KeyValuePair<string, string>> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    // RabbitMQ.Client hands AMQP long strings over as raw bytes.
    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        AmqpTimestamp timestamp => DateTimeOffset.FromUnixTimeSeconds(timestamp.UnixTime).ToString("O", CultureInfo.InvariantCulture),
        IDictionary<string, object?> table => $"{{{string.Join(", ", table.Select(e => $"{e.Key}: {Text(e.Value)}"))}}}",
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
