using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using RabbitMQ.Client;

namespace Ingestion.Tests.Support;

/// <summary>Creates and deletes a test's own virtual host, and reads its queues over AMQP for exact counts.</summary>
internal sealed class RabbitManagement : IDisposable
{
    private readonly HttpClient _http;

    public RabbitManagement()
    {
        _http = new HttpClient { BaseAddress = new Uri($"http://{TestEnvironment.RabbitHost}:{TestEnvironment.RabbitManagementPort}/api/") };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestEnvironment.RabbitUser}:{TestEnvironment.RabbitPassword}"));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
    }

    public async Task CreateVirtualHostAsync(string vhost)
    {
        (await _http.PutAsync($"vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        var permissions = new { configure = ".*", write = ".*", read = ".*" };
        (await _http.PutAsJsonAsync($"permissions/{vhost}/{TestEnvironment.RabbitUser}", permissions)).EnsureSuccessStatusCode();
    }

    public async Task DeleteVirtualHostAsync(string vhost) => await _http.DeleteAsync($"vhosts/{vhost}");

    /// <summary>Ready messages in a queue, or -1 when the queue does not exist.</summary>
    public static async Task<long> QueueDepthAsync(string vhost, string queue)
    {
        await using var connection = await Factory(vhost).CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return -1;
        }
    }

    /// <summary>The headers of the first message in a queue, which is put back.</summary>
    public static async Task<IDictionary<string, object?>> PeekHeadersAsync(string vhost, string queue)
    {
        await using var connection = await Factory(vhost).CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var message = await channel.BasicGetAsync(queue, autoAck: false) ?? throw new InvalidOperationException($"{queue} is empty");
        await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true);
        return message.BasicProperties.Headers ?? new Dictionary<string, object?>();
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A connection factory for the virtual host, with the tests' broker login.</summary>
    public static ConnectionFactory Factory(string vhost) => new()
    {
        HostName = TestEnvironment.RabbitHost,
        Port = TestEnvironment.RabbitPort,
        UserName = TestEnvironment.RabbitUser,
        Password = TestEnvironment.RabbitPassword,
        VirtualHost = vhost,
    };
}
