using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Ingestion.Messaging.Broker;

/// <summary>Reads each work queue's depth and acknowledgement rate from the RabbitMQ management API.</summary>
public sealed class QueueBacklogProbe : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _vhost;

    /// <summary>Creates the probe for the configured broker.</summary>
    public QueueBacklogProbe(IOptions<BrokerManagementOptions> options)
    {
        var settings = options.Value;
        _vhost = Uri.EscapeDataString(settings.VirtualHost);
        _http = new HttpClient { BaseAddress = new Uri($"http://{settings.Host}:{settings.ManagementPort}/api/"), Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Username}:{settings.Password}")));
    }

    /// <summary>The work queues (not error, skipped or wait queues) with their load.</summary>
    /// <exception cref="HttpRequestException">The management API cannot be reached.</exception>
    public async Task<IReadOnlyList<QueueLoad>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var stream = await _http.GetStreamAsync(
            new Uri($"queues/{_vhost}?columns=name,messages_ready,message_stats.ack_details.rate", UriKind.Relative), cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var loads = new List<QueueLoad>();
        foreach (var queue in document.RootElement.EnumerateArray())
        {
            var name = queue.GetProperty("name").GetString() ?? string.Empty;
            if (name.EndsWith("_error", StringComparison.Ordinal) || name.EndsWith("_skipped", StringComparison.Ordinal) || name.Contains("_wait_", StringComparison.Ordinal))
            {
                continue;
            }

            var ready = queue.TryGetProperty("messages_ready", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt64() : 0;
            // An idle queue has no message_stats at all, or an empty array in its place.
            var rate = queue.TryGetProperty("message_stats", out var stats) && stats.ValueKind == JsonValueKind.Object
                && stats.TryGetProperty("ack_details", out var acks) && acks.ValueKind == JsonValueKind.Object
                && acks.TryGetProperty("rate", out var value) && value.ValueKind == JsonValueKind.Number
                ? value.GetDouble()
                : 0;
            loads.Add(new QueueLoad(name, ready, rate * 60));
        }

        return loads;
    }

    /// <summary>The error queues (<c>*_error</c>) with the messages each holds, by name.</summary>
    /// <exception cref="HttpRequestException">The management API cannot be reached.</exception>
    public async Task<IReadOnlyList<(string Queue, long Messages)>> ErrorQueuesAsync(CancellationToken cancellationToken)
    {
        await using var stream = await _http.GetStreamAsync(new Uri($"queues/{_vhost}?columns=name,messages", UriKind.Relative), cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.EnumerateArray()
            .Select(q => (Name: q.GetProperty("name").GetString() ?? string.Empty, Messages: q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0))
            .Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal))
            .OrderBy(q => q.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
