using System.Net;
using System.Text;
using Ingestion.Messaging.Broker;
using Ingestion.Messaging.Fleet;
using Ingestion.Tests.Support;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Ingestion.Tests.Operations;

/// <summary>
/// The private bus (issue 13): no guest, and each party's broker user can do its own work and nothing else. Run against
/// the broker of scripts/infra-up.sh with the users it made; each test has virtual hosts of its own.
/// </summary>
[TestFixture]
public sealed class BrokerUsersTests
{
    private const ushort AccessRefused = 403;
    private const string FinalizedExchange = "Ingestion.Contracts:DocumentFinalized";
    private static readonly string ValidateError = FleetQueues.ValidateDocument + QueueArguments.ErrorSuffix;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly RabbitManagement _management = new();
    private string _vhost = null!;
    private string _otherVhost = null!;

    [SetUp]
    public async Task CreateVirtualHostsAsync()
    {
        _vhost = $"b_{Guid.NewGuid():N}"[..20];
        _otherVhost = $"b_{Guid.NewGuid():N}"[..20];
        await _management.CreateVirtualHostAsync(_vhost);
        await _management.CreateForeignVirtualHostAsync(_otherVhost);
        await DeclareFleetTopologyAsync();
    }

    [TearDown]
    public async Task DeleteVirtualHostsAsync()
    {
        await _management.DeleteVirtualHostAsync(_vhost);
        await _management.DeleteVirtualHostAsync(_otherVhost);
    }

    [OneTimeTearDown]
    public void DisposeManagement() => _management.Dispose();

    [Test]
    public async Task Guest_can_sign_in_neither_over_amqp_nor_to_the_management_api()
    {
        Assert.That(await CanOpenChannelAsync(TestEnvironment.Broker(_vhost, "guest", "guest"), "attack: guest"), Is.False);
        Assert.That(await _management.GetAsAsync("guest", "guest", "overview"), Is.EqualTo(HttpStatusCode.Unauthorized));

        await BrokerLogShowsAsync("user 'guest'");
    }

    [Test]
    public async Task The_fleet_user_reads_its_own_virtual_host_but_administers_nothing_and_reaches_no_other_virtual_host()
    {
        var (user, password) = (TestEnvironment.RabbitUser, TestEnvironment.RabbitPassword);

        Assert.That(await _management.GetAsAsync(user, password, $"queues/{_vhost}"), Is.EqualTo(HttpStatusCode.OK),
            "the fleet reads its queues' types and backlog through the management API");
        Assert.That(await _management.GetAsAsync(user, password, "users"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await _management.GetAsAsync(user, password, "definitions"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await _management.GetAsAsync(user, password, $"permissions/{_vhost}/{user}"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await _management.GetAsAsync(user, password, $"queues/{_otherVhost}"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await CanOpenChannelAsync(TestEnvironment.Broker(_otherVhost), "attack: fleet in another virtual host"), Is.False);

        await BrokerLogShowsAsync($"access to vhost '{_otherVhost}' refused for user '{user}'");
    }

    [Test]
    public async Task The_operator_user_can_publish_nothing_and_cannot_consume_purge_or_delete_a_live_queue()
    {
        await using var connection = await OperatorConnectionAsync();
        var finalized = Encoding.UTF8.GetBytes("""{"message":{"documentId":"forged","errorCode":"PARSER_FAILURE"}}""");

        Assert.That(await ReplyCodeAsync(connection, c => c.BasicPublishAsync(FinalizedExchange, string.Empty, finalized).AsTask()),
            Is.EqualTo(AccessRefused), "a forged DocumentFinalized");
        Assert.That(await ReplyCodeAsync(connection, c => c.BasicPublishAsync(FleetQueues.ValidateDocument, string.Empty, finalized).AsTask()),
            Is.EqualTo(AccessRefused), "a forged validate command to its queue's exchange");
        Assert.That(await ReplyCodeAsync(connection, c => c.BasicPublishAsync(string.Empty, FleetQueues.ValidateDocument, finalized).AsTask()),
            Is.EqualTo(AccessRefused), "a forged validate command through the default exchange");
        Assert.That(await ReplyCodeAsync(connection, c => c.BasicPublishAsync(string.Empty, ValidateError, finalized).AsTask()),
            Is.EqualTo(AccessRefused), "a message of its own into an error queue");
        Assert.That(await ReplyCodeAsync(connection, c => c.BasicGetAsync(FleetQueues.ValidateDocument, autoAck: false)),
            Is.EqualTo(AccessRefused), "taking a live queue's message");
        Assert.That(await ReplyCodeAsync(connection, c => c.BasicConsumeAsync(FleetQueues.ValidateDocument, false, new AsyncEventingBasicConsumer(c))),
            Is.EqualTo(AccessRefused), "consuming a live queue");
        Assert.That(await ReplyCodeAsync(connection, c => c.QueuePurgeAsync(FleetQueues.ValidateDocument)),
            Is.EqualTo(AccessRefused), "purging a live queue");
        Assert.That(await ReplyCodeAsync(connection, c => c.QueueDeleteAsync(ValidateError)),
            Is.EqualTo(AccessRefused), "deleting an error queue");
        Assert.That(await ReplyCodeAsync(connection, c => c.QueueDeclareAsync("operator-tap", false, false, true)),
            Is.EqualTo(AccessRefused), "declaring a queue of its own to bind to the fleet's exchanges");
        Assert.That(await RabbitManagement.QueueDepthAsync(_vhost, FleetQueues.ValidateDocument), Is.Zero, "nothing of the operator's reached a live queue");

        await BrokerLogShowsAsync($"refused for user '{TestEnvironment.RabbitOperatorUser}'");
    }

    [Test]
    public async Task The_operator_user_replays_a_dead_letter_to_its_input_queue_by_rejecting_it_without_the_right_to_publish()
    {
        await using (var fleet = await RabbitMqConnections.ConnectAsync(TestEnvironment.Broker(_vhost), "fleet: a fault"))
        await using (var channel = await fleet.CreateChannelAsync())
        {
            var properties = new BasicProperties { MessageId = "dead-letter-1", Persistent = true };
            await channel.BasicPublishAsync(string.Empty, ValidateError, mandatory: true, properties, Encoding.UTF8.GetBytes("{}"));
        }

        await Eventually.Until(() => RabbitManagement.QueueDepthAsync(_vhost, ValidateError), depth => depth == 1, Deadline, "the dead letter");
        await using var connection = await OperatorConnectionAsync();
        await using (var channel = await connection.CreateChannelAsync())
        {
            var letter = await channel.BasicGetAsync(ValidateError, autoAck: false);
            Assert.That(letter?.BasicProperties.MessageId, Is.EqualTo("dead-letter-1"), "the operator reads error queues");
            await channel.BasicRejectAsync(letter!.DeliveryTag, requeue: false);
        }

        await Eventually.Until(
            () => RabbitManagement.QueueDepthAsync(_vhost, FleetQueues.ValidateDocument), depth => depth == 1, Deadline, "the replayed message in its input queue");
        Assert.That(await RabbitManagement.QueueDepthAsync(_vhost, ValidateError), Is.Zero);
        var headers = await RabbitManagement.PeekHeadersAsync(_vhost, FleetQueues.ValidateDocument);
        Assert.That(Encoding.UTF8.GetString((byte[])headers["x-first-death-queue"]!), Is.EqualTo(ValidateError));
    }

    // The fleet's side of one stage, as its workers declare it: the work queue with its exchange, its error queue with the
    // route back, and an event's exchange.
    private async Task DeclareFleetTopologyAsync()
    {
        var broker = TestEnvironment.Broker(_vhost);
        await using var connection = await RabbitMqConnections.ConnectAsync(broker, "fleet: declarations");
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(FleetQueues.ValidateDocument, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync(FleetQueues.ValidateDocument, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(FleetQueues.ValidateDocument, FleetQueues.ValidateDocument, string.Empty);
        await channel.QueueDeclareAsync(
            ValidateError, durable: true, exclusive: false, autoDelete: false,
            arguments: QueueArguments.Held(broker, ValidateError).ToDictionary(a => a.Key, a => (object?)a.Value));
        await channel.ExchangeDeclareAsync(FinalizedExchange, ExchangeType.Fanout, durable: true);
    }

    private Task<IConnection> OperatorConnectionAsync() => RabbitMqConnections.ConnectAsync(
        TestEnvironment.Broker(_vhost, TestEnvironment.RabbitOperatorUser, TestEnvironment.RabbitOperatorPassword), "attack: operator");

    /// <summary>Whether a connection as <paramref name="broker"/>'s user to its virtual host gets as far as a channel.</summary>
    private static async Task<bool> CanOpenChannelAsync(RabbitMqOptions broker, string name)
    {
        try
        {
            await using var connection = await RabbitMqConnections.ConnectAsync(broker, name);
            // A refused virtual host closes the connection as it opens, which the client may report only at the next call.
            await using var channel = await connection.CreateChannelAsync();
            return connection.IsOpen;
        }
        catch (Exception refused) when (refused is BrokerUnreachableException or OperationInterruptedException)
        {
            return false;
        }
    }

    /// <summary>The reply code of the channel error <paramref name="action"/> caused; null when the broker allowed it.</summary>
    private static async Task<ushort?> ReplyCodeAsync(IConnection connection, Func<IChannel, Task> action)
    {
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        await using var channel = await connection.CreateChannelAsync(options);
        try
        {
            await action(channel);
            // A refused publish closes the channel after the fact; a round trip on it finds out.
            await channel.QueueDeclarePassiveAsync(FleetQueues.ValidateDocument);
            return null;
        }
        catch (OperationInterruptedException refused)
        {
            return refused.ShutdownReason?.ReplyCode;
        }
        catch (PublishException)
        {
            return channel.CloseReason?.ReplyCode;
        }
    }

    /// <summary>
    /// The broker logs the refusal with the user it refused (when the test run names the broker's log, as
    /// scripts/infra-up.sh does in INGESTION_RABBITMQ_LOG).
    /// </summary>
    private static async Task BrokerLogShowsAsync(string text)
    {
        if (Environment.GetEnvironmentVariable("INGESTION_RABBITMQ_LOG") is not { Length: > 0 } log || !File.Exists(log))
        {
            return;
        }

        await Eventually.Until(
            async () =>
            {
                await using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                return await reader.ReadToEndAsync();
            },
            content => content.Contains(text, StringComparison.Ordinal), Deadline, $"the broker's log to record '{text}'");
    }
}
