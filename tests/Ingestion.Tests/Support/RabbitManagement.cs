using Ingestion.Messaging.Broker;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Ingestion.Tests.Support;

/// <summary>
/// Creates and deletes a test's own virtual host and lists its queues through the fleet's management client, and reads
/// queues over AMQP for exact counts.
/// </summary>
internal sealed class RabbitManagement : IDisposable
{
    private readonly HttpClient _http = RabbitMqManagementClient.CreateHttpClient();
    private readonly RabbitMqManagementClient _client;

    public RabbitManagement()
        : this(TestEnvironment.Broker("/"))
    {
    }

    /// <summary>The management client of another broker than the suite's (a drill's cluster).</summary>
    public RabbitManagement(RabbitMqOptions broker) => _client = new RabbitMqManagementClient(_http, Options.Create(broker));

    public Task CreateVirtualHostAsync(string vhost) => _client.CreateVirtualHostAsync(vhost, CancellationToken.None);

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
