using DotNet.Testcontainers.Containers;
using Ingestion.Messaging.Broker;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Ingestion.Qualification.Isolation;
using Ingestion.Tests.Support;

namespace Ingestion.Tests;

/// <summary>
/// The broker and database every test talks to: the ones <c>scripts/test.sh</c> started and exported
/// (<c>Ingestion__RabbitMq__*</c>, <c>Ingestion__Database__*</c>), or, where none are exported and a
/// Docker engine exists, containers started once for the whole run. The fleet runs as the least-privileged fleet role,
/// migrations as the schema owner; the superuser is kept for setup and the tamper drills.
/// </summary>
// In the root namespace: NUnit applies a SetUpFixture only to tests in its own namespace and below.
[SetUpFixture]
public sealed class TestEnvironment
{
    private static readonly List<IContainer> Containers = [];

    public static string RabbitHost { get; private set; } = "127.0.0.1";

    public static ushort RabbitPort { get; private set; }

    public static ushort RabbitManagementPort { get; private set; }

    /// <summary>The fleet's broker user: every permission in the test run's virtual hosts, none elsewhere.</summary>
    public static string RabbitUser { get; private set; } = string.Empty;

    public static string RabbitPassword { get; private set; } = string.Empty;

    /// <summary>The broker administrator: creates, grants and deletes the tests' virtual hosts, and nothing else.</summary>
    public static string RabbitAdminUser { get; private set; } = string.Empty;

    public static string RabbitAdminPassword { get; private set; } = string.Empty;

    /// <summary>The operator's broker user (<c>ingest dlq</c>): reads error and skipped queues, nothing more.</summary>
    public static string RabbitOperatorUser { get; private set; } = string.Empty;

    public static string RabbitOperatorPassword { get; private set; } = string.Empty;

    /// <summary>The fleet's role: SELECT and INSERT only on the append-only tables, SELECT only on the ledger's.</summary>
    public static string DatabaseConnectionString { get; private set; } = string.Empty;

    /// <summary>The ledger appender's role: the only one that adds to the ledger and its checkpoints.</summary>
    public static string LedgerConnectionString { get; private set; } = string.Empty;

    /// <summary>The schema owner's role, which migrates and grants.</summary>
    public static string OwnerConnectionString { get; private set; } = string.Empty;

    /// <summary>A superuser, for the tamper drills and cleaning up.</summary>
    public static string SuperuserConnectionString { get; private set; } = string.Empty;

    /// <summary>The broker's settings for one virtual host, as the fleet binds them from <c>Ingestion:RabbitMq</c>.</summary>
    public static RabbitMqOptions Broker(string virtualHost) => Broker(virtualHost, RabbitUser, RabbitPassword);

    /// <summary>The same as <paramref name="username"/>.</summary>
    public static RabbitMqOptions Broker(string virtualHost, string username, string password) => new()
    {
        Host = RabbitHost,
        Port = RabbitPort,
        ManagementPort = RabbitManagementPort,
        Username = username,
        Password = password,
        VirtualHost = virtualHost,
    };

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // Each run keeps only its own worker logs.
        if (Directory.Exists(Fleet.WorkerLogRoot))
        {
            Directory.Delete(Fleet.WorkerLogRoot, recursive: true);
        }

        var host = Environment.GetEnvironmentVariable("Ingestion__RabbitMq__Host");
        var database = Environment.GetEnvironmentVariable("Ingestion__Database__ConnectionString");
        if (!string.IsNullOrEmpty(host) && !string.IsNullOrEmpty(database))
        {
            RabbitHost = host;
            RabbitPort = ushort.Parse(Environment.GetEnvironmentVariable("Ingestion__RabbitMq__Port") ?? "5672");
            RabbitManagementPort = ushort.Parse(Environment.GetEnvironmentVariable("Ingestion__RabbitMq__ManagementPort") ?? "15672");
            RabbitUser = Required("Ingestion__RabbitMq__Username");
            RabbitPassword = Required("Ingestion__RabbitMq__Password");
            RabbitAdminUser = Required(ValidationEnvironment.BrokerAdministratorUsernameVariable);
            RabbitAdminPassword = Required(ValidationEnvironment.BrokerAdministratorPasswordVariable);
            RabbitOperatorUser = Required(OperatorUsernameVariable);
            RabbitOperatorPassword = Required(OperatorPasswordVariable);
            await UseDatabaseAsync(database);
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
        // The container's default user is its administrator; the fleet and the operator get users of their own, as
        // scripts/infra-up.sh makes them.
        (RabbitAdminUser, RabbitAdminPassword) = (RabbitMqBuilder.DefaultUsername, RabbitMqBuilder.DefaultPassword);
        (RabbitUser, RabbitPassword) = ("ingestion-fleet", Guid.NewGuid().ToString("N"));
        (RabbitOperatorUser, RabbitOperatorPassword) = ("ingestion-operator", Guid.NewGuid().ToString("N"));
        using (var management = new RabbitManagement())
        {
            await management.PutUserAsync(RabbitUser, RabbitPassword, "management");
            await management.PutUserAsync(RabbitOperatorUser, RabbitOperatorPassword, "management");
        }

        await UseDatabaseAsync(postgres.GetConnectionString());
    }

    /// <summary>The environment variables of the operator's broker user (scripts/infra-up.sh writes them into .local/env.sh).</summary>
    public const string OperatorUsernameVariable = "INGESTION_RABBITMQ_OPERATOR_USERNAME";

    public const string OperatorPasswordVariable = "INGESTION_RABBITMQ_OPERATOR_PASSWORD";

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: source the .local/env.sh of the current scripts/infra-up.sh.");

    // scripts/infra-up.sh exports the fleet, ledger and owner roles and INGESTION_PG_SUPERUSER; an older env.sh or a
    // container gives one superuser connection string, from which the three roles are made here.
    private static async Task UseDatabaseAsync(string connectionString)
    {
        var owner = Environment.GetEnvironmentVariable("Ingestion__Database__OwnerConnectionString");
        var ledger = Environment.GetEnvironmentVariable("Ingestion__Database__LedgerConnectionString");
        var superuser = Environment.GetEnvironmentVariable("INGESTION_PG_SUPERUSER");
        if (!string.IsNullOrEmpty(owner) && !string.IsNullOrEmpty(ledger) && !string.IsNullOrEmpty(superuser))
        {
            (DatabaseConnectionString, LedgerConnectionString, OwnerConnectionString, SuperuserConnectionString) = (connectionString, ledger, owner, superuser);
            return;
        }

        SuperuserConnectionString = superuser ?? connectionString;
        (OwnerConnectionString, DatabaseConnectionString, LedgerConnectionString) = await DatabaseRoles.EnsureAsync(SuperuserConnectionString);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        // Every fleet stops its workers when it is disposed; this catches any a test left behind all the same.
        await WorkerProcess.StopAllAsync();
        foreach (var container in Containers)
        {
            await container.DisposeAsync();
        }
    }
}
