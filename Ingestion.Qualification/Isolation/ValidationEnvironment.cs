using Microsoft.Extensions.Hosting;

namespace Ingestion.Qualification.Isolation;

/// <summary>
/// What the validation commands need from the process that runs them: the broker and database settings to copy into
/// each isolated namespace, a way to build a client host for a namespace, and how to start <c>ingest worker</c>.
/// </summary>
public sealed record ValidationEnvironment
{
    /// <summary>The environment variable of the broker administrator's user name (scripts/infra-up.sh writes it into .local/env.sh).</summary>
    public const string BrokerAdministratorUsernameVariable = "INGESTION_RABBITMQ_ADMIN_USERNAME";

    /// <summary>The environment variable of the broker administrator's password.</summary>
    public const string BrokerAdministratorPasswordVariable = "INGESTION_RABBITMQ_ADMIN_PASSWORD";

    /// <summary>The caller's <c>Ingestion:*</c> configuration (broker, database, retry budgets); each namespace starts from it.</summary>
    public required IReadOnlyDictionary<string, string?> Settings { get; init; }

    /// <summary>
    /// The broker administrator's user and password, which create and delete each namespace's virtual host and grant the
    /// configured (fleet's) user its permissions there. Null: the configured user does it, which then must be an
    /// administrator. Never handed to the namespace's workers.
    /// </summary>
    public (string Username, string Password)? BrokerAdministrator { get; init; }

    /// <summary>The broker administrator named by <see cref="BrokerAdministratorUsernameVariable"/> and its password; null when unset.</summary>
    public static (string Username, string Password)? BrokerAdministratorFromEnvironment() =>
        Environment.GetEnvironmentVariable(BrokerAdministratorUsernameVariable) is { Length: > 0 } username
            ? (username, Environment.GetEnvironmentVariable(BrokerAdministratorPasswordVariable) ?? string.Empty)
            : null;

    /// <summary>Builds (does not start) a client host, with no endpoints, for the given settings.</summary>
    public required Func<IReadOnlyDictionary<string, string?>, IHost> ClientHost { get; init; }

    /// <summary>How to start an <c>ingest</c> process.</summary>
    public required IngestLauncher Launcher { get; init; }

    /// <summary>Where progress lines go (standard output for the commands).</summary>
    public required TextWriter Progress { get; init; }

    /// <summary>Where namespaces keep their content stores and signing keys.</summary>
    public string WorkRoot { get; init; } = Path.Combine(Path.GetTempPath(), "ingestion-validation");

    /// <summary>Keep each namespace's schema, virtual host and content store afterwards, for inspection.</summary>
    public bool KeepNamespaces { get; init; }
}
