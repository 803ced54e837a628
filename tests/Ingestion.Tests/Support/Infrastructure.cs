using Ingestion.Messaging.Broker;
using Microsoft.Extensions.Configuration;

namespace Ingestion.Tests.Support;

/// <summary>
/// A broker and a database that fleets run on: the suite's (<see cref="Suite"/>, from <see cref="TestEnvironment"/>) or
/// another set that <c>scripts/infra-up.sh</c> started (<see cref="ClusterInfrastructure"/>), read from the variables of
/// its <c>env.sh</c>, credentials included, so that whatever users and roles the scripts make reach the fleet unchanged
/// (the broker administrator's only the tests' set-up, the schema owner's only its migration).
/// </summary>
internal sealed class Infrastructure
{
    private const string SuperuserVariable = "INGESTION_PG_SUPERUSER";
    private const string AdministratorVariable = "INGESTION_RABBITMQ_ADMIN_USERNAME";
    private const string AdministratorPasswordVariable = "INGESTION_RABBITMQ_ADMIN_PASSWORD";
    private const string OwnerKey = "Ingestion:Database:OwnerConnectionString";

    private readonly Dictionary<string, string?> _settings;

    private readonly (string User, string Password) _administrator;

    private Infrastructure(
        Dictionary<string, string?> settings, string ownerConnectionString, string superuserConnectionString, (string User, string Password) administrator)
    {
        _settings = settings;
        _administrator = administrator;
        OwnerConnectionString = ownerConnectionString;
        SuperuserConnectionString = superuserConnectionString;
    }

    /// <summary>The servers <c>scripts/test.sh</c> started for the whole suite.</summary>
    public static Infrastructure Suite => new(
        new Dictionary<string, string?>
        {
            ["Ingestion:RabbitMq:Host"] = TestEnvironment.RabbitHost,
            ["Ingestion:RabbitMq:Port"] = TestEnvironment.RabbitPort.ToString(),
            ["Ingestion:RabbitMq:ManagementPort"] = TestEnvironment.RabbitManagementPort.ToString(),
            ["Ingestion:RabbitMq:Username"] = TestEnvironment.RabbitUser,
            ["Ingestion:RabbitMq:Password"] = TestEnvironment.RabbitPassword,
            ["Ingestion:Database:ConnectionString"] = TestEnvironment.DatabaseConnectionString,
            ["Ingestion:Database:LedgerConnectionString"] = TestEnvironment.LedgerConnectionString,
        },
        TestEnvironment.OwnerConnectionString,
        TestEnvironment.SuperuserConnectionString,
        (TestEnvironment.RabbitAdminUser, TestEnvironment.RabbitAdminPassword));

    /// <summary>
    /// The <c>Ingestion:RabbitMq:*</c> and <c>Ingestion:Database:*</c> settings of the fleet's processes and commands
    /// (every node, the users and the connection strings), without the schema owner's.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>The fleet's database role.</summary>
    public string DatabaseConnectionString => _settings["Ingestion:Database:ConnectionString"]!;

    /// <summary>The schema owner's role, which migrates and grants.</summary>
    public string OwnerConnectionString { get; }

    /// <summary>A superuser, for cleaning up.</summary>
    public string SuperuserConnectionString { get; }

    /// <summary>
    /// The servers an <c>env.sh</c> of <c>scripts/infra-up.sh</c> describes, from the variables it exports: every
    /// <c>Ingestion__…</c> key, and <c>INGESTION_PG_SUPERUSER</c>.
    /// </summary>
    public static Infrastructure FromEnvironmentFile(IReadOnlyDictionary<string, string> variables)
    {
        var settings = variables
            .Where(v => v.Key.StartsWith("Ingestion__", StringComparison.Ordinal))
            .ToDictionary(v => v.Key.Replace("__", ":", StringComparison.Ordinal), v => (string?)v.Value);
        var owner = settings.GetValueOrDefault(OwnerKey) ?? throw new InvalidOperationException($"env.sh sets no {OwnerKey}");
        settings.Remove(OwnerKey);
        if (!settings.ContainsKey("Ingestion:Database:ConnectionString") || !variables.TryGetValue(SuperuserVariable, out var superuser))
        {
            throw new InvalidOperationException($"env.sh sets no Ingestion__Database__ConnectionString or {SuperuserVariable}: {string.Join(", ", variables.Keys)}");
        }

        if (!variables.TryGetValue(AdministratorVariable, out var administrator) || !variables.TryGetValue(AdministratorPasswordVariable, out var password))
        {
            throw new InvalidOperationException($"env.sh sets no {AdministratorVariable} or {AdministratorPasswordVariable}");
        }

        return new Infrastructure(settings, owner, superuser, (administrator, password));
    }

    /// <summary>The broker's administrator (virtual hosts and their rights), on the root virtual host.</summary>
    public RabbitMqOptions Administrator
    {
        get
        {
            var options = Broker("/");
            (options.Username, options.Password) = _administrator;
            return options;
        }
    }

    /// <summary>The broker's settings for one virtual host, bound from <see cref="Settings"/> as the fleet binds them.</summary>
    public RabbitMqOptions Broker(string virtualHost)
    {
        var options = new RabbitMqOptions();
        new ConfigurationBuilder().AddInMemoryCollection(_settings).Build().GetSection(RabbitMqOptions.Section).Bind(options);
        options.VirtualHost = virtualHost;
        return options;
    }
}
