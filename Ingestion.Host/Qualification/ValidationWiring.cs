using Ingestion.Hosting;
using Ingestion.Qualification.Isolation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Serilog.Events;

namespace Ingestion.Host.Qualification;

/// <summary>
/// Hands the validation library what only the host has: this process's <c>Ingestion:*</c> configuration, how to build a
/// client host for another namespace, and how to start this same <c>ingest</c> as a worker.
/// </summary>
internal static class ValidationWiring
{
    public static ValidationEnvironment Environment(bool keepNamespaces, TextWriter progress)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var settings = configuration.AsEnumerable()
            .Where(s => s.Key.StartsWith("Ingestion:", StringComparison.OrdinalIgnoreCase) && s.Value is not null)
            .ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase);
        return new ValidationEnvironment
        {
            Settings = settings,
            BrokerAdministrator = ValidationEnvironment.BrokerAdministratorFromEnvironment(),
            ClientHost = ClientHost,
            Launcher = Launcher(),
            Progress = progress,
            KeepNamespaces = keepNamespaces,
        };
    }

    /// <summary>A client host (no endpoints) whose settings override appsettings.json and the environment.</summary>
    public static IHost ClientHost(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddIngestion(FleetRoles.None, LogEventLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings);
        return builder.Build();
    }

    // Run as 'dotnet ingest.dll' the process is dotnet; run as the apphost it is ingest itself.
    private static IngestLauncher Launcher() =>
        System.Environment.ProcessPath is { } path && !Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? new IngestLauncher(path, [])
            : IngestLauncher.FromDirectory(AppContext.BaseDirectory);
}
