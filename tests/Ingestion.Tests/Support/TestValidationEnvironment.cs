using Ingestion.Host.Qualification;
using Ingestion.Qualification.Isolation;

namespace Ingestion.Tests.Support;

/// <summary>The validation library's environment on the test run's broker and database, starting this build's ingest.dll.</summary>
internal static class TestValidationEnvironment
{
    public static ValidationEnvironment Create(TextWriter progress) => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Ingestion:RabbitMq:Host"] = TestEnvironment.RabbitHost,
            ["Ingestion:RabbitMq:Port"] = TestEnvironment.RabbitPort.ToString(),
            ["Ingestion:RabbitMq:ManagementPort"] = TestEnvironment.RabbitManagementPort.ToString(),
            ["Ingestion:RabbitMq:Username"] = TestEnvironment.RabbitUser,
            ["Ingestion:RabbitMq:Password"] = TestEnvironment.RabbitPassword,
            ["Ingestion:Database:ConnectionString"] = TestEnvironment.DatabaseConnectionString,
            ["Ingestion:Database:LedgerConnectionString"] = TestEnvironment.LedgerConnectionString,
            // The client migrates each namespace as the schema's owner; its workers are started without it.
            ["Ingestion:Database:OwnerConnectionString"] = TestEnvironment.OwnerConnectionString,
        },
        BrokerAdministrator = (TestEnvironment.RabbitAdminUser, TestEnvironment.RabbitAdminPassword),
        ClientHost = ValidationWiring.ClientHost,
        Launcher = Fleet.Ingest,
        Progress = progress,
        WorkRoot = Path.Combine(Path.GetTempPath(), "ingestion-tests", "validation"),
    };
}
