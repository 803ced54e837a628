using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Ingestion.Messaging.Broker;

/// <summary>
/// The RabbitMQ management HTTP API as the fleet uses it: queues with their type, arguments and load, and the virtual
/// hosts of isolated deployments. The one client every tool uses; a typed <see cref="HttpClient"/> client
/// (<see cref="RabbitMqRegistration.AddRabbitMq"/>), or built around a client from <see cref="CreateHttpClient"/>.
/// Each call goes to the node that answered last and, if that one does not answer (or answers 5xx), to the others in
/// turn: any node of a cluster describes the whole cluster.
/// </summary>
public sealed class RabbitMqManagementClient
{
    private const string QueueColumns = "name,type,durable,arguments,messages,messages_ready,consumers,message_stats.ack_details.rate";

    private readonly HttpClient _http;
    private readonly RabbitMqOptions _options;
    private readonly IReadOnlyList<Uri> _nodes;
    private int _answering;

    /// <summary>Creates the client on <paramref name="http"/>, for the broker of <paramref name="options"/>.</summary>
    public RabbitMqManagementClient(HttpClient http, IOptions<RabbitMqOptions> options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _nodes = _options.ManagementUris();
    }

    /// <summary>The configured virtual host, which the overloads without one use.</summary>
    public string VirtualHost => _options.VirtualHost;

    /// <summary>
    /// An <see cref="HttpClient"/> fit to be kept for a process's lifetime: pooled connections are renewed, a node that
    /// does not accept a connection within 5 s is given up, and no call takes longer than 30 s.
    /// </summary>
    public static HttpClient CreateHttpClient() => new(CreateHandler()) { Timeout = RequestTimeout };

    /// <summary>The virtual host's queues.</summary>
    /// <exception cref="HttpRequestException">The management API cannot be reached or refused the request.</exception>
    public Task<IReadOnlyList<QueueDescription>> QueuesAsync(CancellationToken cancellationToken) => QueuesAsync(VirtualHost, cancellationToken);

    /// <summary>The queues of <paramref name="virtualHost"/>.</summary>
    /// <exception cref="HttpRequestException">The management API cannot be reached or refused the request.</exception>
    public async Task<IReadOnlyList<QueueDescription>> QueuesAsync(string virtualHost, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"queues/{Escape(virtualHost)}?columns={QueueColumns}", null, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return document.RootElement.EnumerateArray().Select(Queue).ToList();
    }

    /// <summary>One queue of <paramref name="virtualHost"/>; null when it does not exist.</summary>
    /// <exception cref="HttpRequestException">The management API cannot be reached or refused the request.</exception>
    public async Task<QueueDescription?> QueueAsync(string virtualHost, string queue, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"queues/{Escape(virtualHost)}/{Escape(queue)}", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return Queue(document.RootElement);
    }

    /// <summary>
    /// Creates <paramref name="virtualHost"/> (if missing) and gives the configured user every permission in it. Needs an
    /// administrator: the fleet's and the operator's users may not.
    /// </summary>
    /// <exception cref="HttpRequestException">The management API cannot be reached or refused the request.</exception>
    public async Task CreateVirtualHostAsync(string virtualHost, CancellationToken cancellationToken)
    {
        using (var created = await SendAsync(HttpMethod.Put, $"vhosts/{Escape(virtualHost)}", null, cancellationToken))
        {
            created.EnsureSuccessStatusCode();
        }

        await GrantAsync(virtualHost, _options.Username, ".*", ".*", ".*", cancellationToken);
    }

    /// <summary>
    /// Sets <paramref name="user"/>'s permissions in <paramref name="virtualHost"/>: regular expressions of the queue and
    /// exchange names it may configure (declare, delete), write (publish to, bind to) and read (consume, get, purge,
    /// bind from); <c>^$</c> allows none. Needs an administrator.
    /// </summary>
    /// <exception cref="HttpRequestException">The management API cannot be reached or refused the request.</exception>
    public async Task GrantAsync(string virtualHost, string user, string configure, string write, string read, CancellationToken cancellationToken)
    {
        using var granted = await SendAsync(
            HttpMethod.Put,
            $"permissions/{Escape(virtualHost)}/{Escape(user)}",
            () => JsonContent.Create(new { configure, write, read }),
            cancellationToken);
        granted.EnsureSuccessStatusCode();
    }

    /// <summary>Deletes <paramref name="virtualHost"/> with its queues and messages; nothing happens if it does not exist.</summary>
    /// <exception cref="HttpRequestException">The management API cannot be reached or refused the request.</exception>
    public async Task DeleteVirtualHostAsync(string virtualHost, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"vhosts/{Escape(virtualHost)}", null, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    internal static TimeSpan RequestTimeout { get; } = TimeSpan.FromSeconds(30);

    internal static SocketsHttpHandler CreateHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        _options.RequireCredentials();
        var failures = new List<string>();
        var first = Volatile.Read(ref _answering);
        for (var i = 0; i < _nodes.Count; i++)
        {
            var node = (first + i) % _nodes.Count;
            using var request = new HttpRequestMessage(method, new Uri(_nodes[node], path)) { Content = content?.Invoke() };
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.Username}:{_options.Password}")));
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException exception)
            {
                failures.Add($"{_nodes[node].Authority}: {exception.Message}");
                continue;
            }
            catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{_nodes[node].Authority}: no answer within {_http.Timeout.TotalSeconds:F0} s ({exception.Message})");
                continue;
            }

            // A node that is up but cannot serve (booting, or cut off from the cluster's majority) answers 5xx: ask another.
            if ((int)response.StatusCode >= 500 && i < _nodes.Count - 1)
            {
                failures.Add($"{_nodes[node].Authority}: {(int)response.StatusCode} {response.ReasonPhrase}");
                response.Dispose();
                continue;
            }

            Volatile.Write(ref _answering, node);
            return response;
        }

        throw new HttpRequestException($"The RabbitMQ management API answered on none of its nodes: {string.Join("; ", failures)}");
    }

    // Virtual host and queue names go into the path: "/" is "%2F".
    private static string Escape(string name) => Uri.EscapeDataString(name);

    private static QueueDescription Queue(JsonElement queue)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (queue.TryGetProperty("arguments", out var args) && args.ValueKind == JsonValueKind.Object)
        {
            foreach (var argument in args.EnumerateObject())
            {
                arguments[argument.Name] = Value(argument.Value);
            }
        }

        // An idle queue has no message_stats at all, or an empty array in its place.
        var acks = queue.TryGetProperty("message_stats", out var stats) && stats.ValueKind == JsonValueKind.Object
            && stats.TryGetProperty("ack_details", out var details) && details.ValueKind == JsonValueKind.Object
            && details.TryGetProperty("rate", out var rate) && rate.ValueKind == JsonValueKind.Number
            ? rate.GetDouble()
            : 0;
        return new QueueDescription(
            queue.GetProperty("name").GetString() ?? string.Empty,
            queue.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : "classic",
            queue.TryGetProperty("durable", out var durable) && durable.ValueKind == JsonValueKind.True,
            arguments,
            Number(queue, "messages"),
            Number(queue, "messages_ready"),
            (int)Number(queue, "consumers"),
            acks);
    }

    private static long Number(JsonElement queue, string property) =>
        queue.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private static object? Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };
}
