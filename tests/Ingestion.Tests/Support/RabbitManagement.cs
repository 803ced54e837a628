using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Ingestion.Messaging.Broker;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Ingestion.Tests.Support;

/// <summary>
/// Creates and deletes a test's own virtual host and lists its queues through the fleet's management client as the
/// broker administrator, and reads queues over AMQP (as the fleet) for exact counts.
/// </summary>
internal sealed class RabbitManagement : IDisposable
{
    /// <summary>What the operator may read in a virtual host: the error and skipped queues (scripts/lib.sh grants the same).</summary>
    public const string OperatorRead = "^.+_(error|skipped)$";

    /// <summary>A permission that matches no queue or exchange.</summary>
    public const string Nothing = "^$";

    private readonly HttpClient _http = RabbitMqManagementClient.CreateHttpClient();
    private readonly RabbitMqManagementClient _client;

    public RabbitManagement()
        : this(TestEnvironment.Broker("/", TestEnvironment.RabbitAdminUser, TestEnvironment.RabbitAdminPassword))
    {
    }

    /// <summary>The management client of another broker than the suite's (a drill's cluster), as its administrator.</summary>
    public RabbitManagement(RabbitMqOptions administrator) => _client = new RabbitMqManagementClient(_http, Options.Create(administrator));

    /// <summary>Creates the virtual host with the fleet's rights (all) and the operator's (reading error and skipped queues).</summary>
    public async Task CreateVirtualHostAsync(string vhost)
    {
        await _client.CreateVirtualHostAsync(vhost, CancellationToken.None);
        await _client.GrantAsync(vhost, TestEnvironment.RabbitUser, ".*", ".*", ".*", CancellationToken.None);
        await _client.GrantAsync(vhost, TestEnvironment.RabbitOperatorUser, Nothing, Nothing, OperatorRead, CancellationToken.None);
    }

    /// <summary>Creates a virtual host in which only the administrator has rights (another deployment's, for the fleet).</summary>
    public Task CreateForeignVirtualHostAsync(string vhost) => _client.CreateVirtualHostAsync(vhost, CancellationToken.None);

    /// <summary>Creates a user or sets its password and tags.</summary>
    public async Task PutUserAsync(string user, string password, string tags)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(ManagementUri, $"users/{Uri.EscapeDataString(user)}"))
        {
            Content = JsonContent.Create(new { password, tags }),
        };
        request.Headers.Authorization = Basic(TestEnvironment.RabbitAdminUser, TestEnvironment.RabbitAdminPassword);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The HTTP status the management API answers <paramref name="user"/> with for a GET of <paramref name="path"/>.</summary>
    public async Task<HttpStatusCode> GetAsAsync(string user, string password, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ManagementUri, path));
        request.Headers.Authorization = Basic(user, password);
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    private static Uri ManagementUri => new($"http://{TestEnvironment.RabbitHost}:{TestEnvironment.RabbitManagementPort}/api/");

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public Task DeleteVirtualHostAsync(string vhost) => _client.DeleteVirtualHostAsync(vhost, CancellationToken.None);

    public Task<IReadOnlyList<QueueDescription>> QueuesAsync(string vhost) => _client.QueuesAsync(vhost, CancellationToken.None);

    /// <summary>Ready messages in a queue, or -1 when the queue does not exist.</summary>
    public static Task<long> QueueDepthAsync(string vhost, string queue) => QueueDepthAsync(TestEnvironment.Broker(vhost), queue);

    /// <summary>Ready messages in a queue of <paramref name="broker"/>'s virtual host, or -1 when the queue does not exist.</summary>
    public static async Task<long> QueueDepthAsync(RabbitMqOptions broker, string queue)
    {
        await using var connection = await RabbitMqConnections.ConnectAsync(broker, "ingestion tests");
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

    /// <summary>Consumers of a queue, or -1 when the queue does not exist.</summary>
    public static async Task<long> ConsumersAsync(string vhost, string queue)
    {
        await using var connection = await ConnectAsync(vhost);
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).ConsumerCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return -1;
        }
    }

    /// <summary>The headers of the first message in a queue, which is put back.</summary>
    public static async Task<IDictionary<string, object?>> PeekHeadersAsync(string vhost, string queue)
    {
        await using var connection = await ConnectAsync(vhost);
        await using var channel = await connection.CreateChannelAsync();
        var message = await channel.BasicGetAsync(queue, autoAck: false) ?? throw new InvalidOperationException($"{queue} is empty");
        await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true);
        return message.BasicProperties.Headers ?? new Dictionary<string, object?>();
    }

    /// <summary>An AMQP connection to a test's virtual host.</summary>
    public static Task<IConnection> ConnectAsync(string vhost) => RabbitMqConnections.ConnectAsync(TestEnvironment.Broker(vhost), "ingestion tests");

    public void Dispose() => _http.Dispose();
}
