using Ingestion.Messaging.Broker;
using Ingestion.Messaging.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingestion.UnitTests.Messaging;

/// <summary>Broker and retry settings that could only fail later stop the process at once, naming the key.</summary>
public sealed class SettingsValidationTests
{
    [Test]
    public void A_misspelt_broker_key_is_refused_by_name()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Read<RabbitMqOptions>(("Ingestion:RabbitMq:Prot", "5672")));

        Assert.That(failure!.Message, Does.Contain("'Prot'"));
    }

    [Test]
    public void Impossible_broker_values_are_refused_each_by_its_key()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Read<RabbitMqOptions>(
            ("Ingestion:RabbitMq:Port", "70000"), ("Ingestion:RabbitMq:VirtualHost", " "), ("Ingestion:RabbitMq:PrefetchCount", "0")));

        Assert.That(failure!.Failures, Has.Some.Contains("Ingestion:RabbitMq:Port must be a TCP port (1-65535), not 70000"));
        Assert.That(failure.Failures, Has.Some.Contains("Ingestion:RabbitMq:VirtualHost is empty"));
        Assert.That(failure.Failures, Has.Some.Contains("Ingestion:RabbitMq:PrefetchCount must be between 1"));
    }

    [Test]
    public void A_cluster_is_tried_node_by_node_and_its_management_api_on_each_nodes_host_unless_listed()
    {
        var options = Read<RabbitMqOptions>(
            ("Ingestion:RabbitMq:Nodes", "rabbit-1:5672, rabbit-2, rabbit-3:5673"), ("Ingestion:RabbitMq:Port", "5680"),
            ("Ingestion:RabbitMq:ManagementPort", "15680"), ("Ingestion:RabbitMq:QueueType", "quorum"));

        Assert.That(options.AmqpNodes().Select(n => n.ToString()), Is.EqualTo(new[] { "rabbit-1:5672", "rabbit-2:5680", "rabbit-3:5673" }));
        Assert.That(options.ManagementUris().Select(u => u.ToString()), Is.EqualTo(new[]
        {
            "http://rabbit-1:15680/api/", "http://rabbit-2:15680/api/", "http://rabbit-3:15680/api/",
        }));
        Assert.That(options.QueueType, Is.EqualTo(RabbitMqQueueType.Quorum));
    }

    [Test]
    public void A_malformed_node_list_an_unknown_queue_type_and_a_delivery_limit_under_one_are_refused()
    {
        var nodes = Assert.Throws<OptionsValidationException>(() => Read<RabbitMqOptions>(
            ("Ingestion:RabbitMq:Nodes", "rabbit-1:5672,rabbit-2:notaport"), ("Ingestion:RabbitMq:DeliveryLimit", "0")));
        var type = Assert.Throws<InvalidOperationException>(() => Read<RabbitMqOptions>(("Ingestion:RabbitMq:QueueType", "quorom")));

        Assert.That(nodes!.Failures, Has.Some.Contains("Ingestion:RabbitMq:Nodes: 'rabbit-2:notaport' is not host:port"));
        Assert.That(nodes.Failures, Has.Some.Contains("Ingestion:RabbitMq:DeliveryLimit must be at least 1"));
        Assert.That(type!.Message, Does.Contain("Ingestion:RabbitMq:QueueType"));
    }

    [Test]
    public void The_retired_stage_retry_keys_and_a_schedule_for_an_unknown_queue_are_refused()
    {
        var retired = Assert.Throws<InvalidOperationException>(() => Read<EndpointRetryOptions>(("Ingestion:Retry:Parse:RetryLimit", "3")));
        var unknown = Assert.Throws<OptionsValidationException>(() => Read<EndpointRetryOptions>(
            ("Ingestion:Retry:Endpoints:parse-documnet:RetryLimit", "3"), ("Ingestion:Retry:Default:MaxIntervalMs", "10")));

        Assert.That(retired!.Message, Does.Contain("'Parse'"));
        Assert.That(unknown!.Failures, Has.Some.Contains("Ingestion:Retry:Endpoints:parse-documnet names no queue of the fleet"));
        Assert.That(unknown.Failures, Has.Some.Contains("Ingestion:Retry:Default:"));
    }

    [Test]
    public void An_endpoint_without_a_schedule_of_its_own_takes_the_default()
    {
        var options = Read<EndpointRetryOptions>(
            ("Ingestion:Retry:Default:RetryLimit", "7"), ("Ingestion:Retry:Endpoints:parse-document:RetryLimit", "2"));

        Assert.That((options.For("parse-document").RetryLimit, options.For("archive-document").RetryLimit), Is.EqualTo((2, 7)));
    }

    private static T Read<T>(params (string Key, string Value)[] settings)
        where T : class
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());
        services.AddRabbitMq();
        services.AddEndpointRetry();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }
}
