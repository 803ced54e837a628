using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ingestion.Messaging.Broker;

namespace Ingestion.Qualification.Isolation;

/// <summary>Creates and deletes an isolated namespace's virtual host and counts a queue's consumers, over the management API.</summary>
internal sealed class BrokerVirtualHosts : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _username;

    public BrokerVirtualHosts(BrokerManagementOptions broker)
    {
        _username = broker.Username;
        _http = new HttpClient { BaseAddress = new Uri($"http://{broker.Host}:{broker.ManagementPort}/api/"), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{broker.Username}:{broker.Password}")));
    }

    public async Task CreateAsync(string vhost, CancellationToken cancellationToken)
    {
        var name = Uri.EscapeDataString(vhost);
        (await _http.PutAsync(new Uri($"vhosts/{name}", UriKind.Relative), null, cancellationToken)).EnsureSuccessStatusCode();
        var permissions = new { configure = ".*", write = ".*", read = ".*" };
        (await _http.PutAsJsonAsync(new Uri($"permissions/{name}/{Uri.EscapeDataString(_username)}", UriKind.Relative), permissions, cancellationToken))
            .EnsureSuccessStatusCode();
    }

    public async Task DeleteAsync(string vhost, CancellationToken cancellationToken) =>
        await _http.DeleteAsync(new Uri($"vhosts/{Uri.EscapeDataString(vhost)}", UriKind.Relative), cancellationToken);

    /// <summary>The consumers of a queue; 0 while the queue does not exist.</summary>
    public async Task<int> ConsumersAsync(string vhost, string queue, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(
            new Uri($"queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return 0;
        }

        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return document.RootElement.TryGetProperty("consumers", out var consumers) && consumers.ValueKind == JsonValueKind.Number ? consumers.GetInt32() : 0;
    }

    /// <summary>Messages ready or being handled in the virtual host's work queues (error and skipped queues aside).</summary>
    public async Task<long> WorkInFlightAsync(string vhost, CancellationToken cancellationToken)
    {
        using var queues = await _http.GetFromJsonAsync<JsonDocument>(
            new Uri($"queues/{Uri.EscapeDataString(vhost)}?columns=name,messages", UriKind.Relative), cancellationToken)
            ?? throw new InvalidOperationException("The management API listed no queues.");
        return queues.RootElement.EnumerateArray()
            .Where(q => q.GetProperty("name").GetString() is { } name
                && !name.EndsWith("_error", StringComparison.Ordinal) && !name.EndsWith("_skipped", StringComparison.Ordinal))
            .Sum(q => q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0);
    }

    public void Dispose() => _http.Dispose();
}
