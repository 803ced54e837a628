using DotNet.Testcontainers.Containers;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Ingestion.Tests;

/// <summary>
/// The broker and database every test talks to: the ones <c>scripts/test.sh</c> started and exported
/// (<c>Ingestion__RabbitMq__*</c>, <c>Ingestion__Database__ConnectionString</c>), or, where none are exported and a
/// Docker engine exists, containers started once for the whole run.
/// </summary>
// In the root namespace: NUnit applies a SetUpFixture only to tests in its own namespace and below.
[SetUpFixture]
public sealed class TestEnvironment
{
    private static readonly List<IContainer> Containers = [];

    public static string RabbitHost { get; private set; } = "127.0.0.1";

    public static ushort RabbitPort { get; private set; }

    public static ushort RabbitManagementPort { get; private set; }

    public static string RabbitUser { get; private set; } = "guest";

    public static string RabbitPassword { get; private set; } = "guest";

    public static string DatabaseConnectionString { get; private set; } = string.Empty;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var host = Environment.GetEnvironmentVariable("Ingestion__RabbitMq__Host");
        var database = Environment.GetEnvironmentVariable("Ingestion__Database__ConnectionString");
        if (!string.IsNullOrEmpty(host) && !string.IsNullOrEmpty(database))
        {
            RabbitHost = host;
            RabbitPort = ushort.Parse(Environment.GetEnvironmentVariable("Ingestion__RabbitMq__Port") ?? "5672");
            RabbitManagementPort = ushort.Parse(Environment.GetEnvironmentVariable("Ingestion__RabbitMq__ManagementPort") ?? "15672");
            RabbitUser = Environment.GetEnvironmentVariable("Ingestion__RabbitMq__Username") ?? "guest";
            RabbitPassword = Environment.GetEnvironmentVariable("Ingestion__RabbitMq__Password") ?? "guest";
            DatabaseConnectionString = database;
            return;
        }

        // No exported infrastructure: fall back to containers (needs a Docker engine; scripts/test.sh exports the above instead).
        var rabbit = new RabbitMqBuilder("rabbitmq:3-management").WithPortBinding(15672, assignRandomHostPort: true).Build();
        var postgres = new PostgreSqlBuilder("postgres:15").Build();
        Containers.Add(rabbit);
        Containers.Add(postgres);
        await Task.WhenAll(rabbit.StartAsync(), postgres.StartAsync());
        RabbitHost = rabbit.Hostname;
        RabbitPort = rabbit.GetMappedPublicPort(5672);
        RabbitManagementPort = rabbit.GetMappedPublicPort(15672);
        RabbitUser = RabbitMqBuilder.DefaultUsername;
        RabbitPassword = RabbitMqBuilder.DefaultPassword;
        DatabaseConnectionString = postgres.GetConnectionString();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var container in Containers)
        {
            await container.DisposeAsync();
        }
    }
}
