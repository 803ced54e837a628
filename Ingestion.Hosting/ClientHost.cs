using Ingestion.Persistence.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace Ingestion.Hosting;

/// <summary>A process for one command: the same configuration as a worker, no endpoints, warnings only.</summary>
public static class ClientHost
{
    /// <summary>The environment switch (<c>1</c> or <c>true</c>) under which a command prints the stack trace of a failure and keeps the bus's warnings.</summary>
    public const string VerboseVariable = "INGESTION_VERBOSE";

    /// <summary>Whether <see cref="VerboseVariable"/> is set for this process.</summary>
    public static bool Verbose => Environment.GetEnvironmentVariable(VerboseVariable) is "1" or "true";

    /// <summary>Builds the host; <paramref name="schema"/> overrides <c>Ingestion:Database:Schema</c>.</summary>
    public static Microsoft.Extensions.Hosting.IHost Build(string? schema = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.AddIngestion(FleetRoles.None, LogEventLevel.Warning);
        if (schema is not null)
        {
            builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>("Ingestion:Database:Schema", schema)]);
        }

        return builder.Build();
    }

    /// <summary>
    /// Builds the host for a command that uses the database, and checks that the schema is at this build's version.
    /// Never migrates: that is <c>ingest migrate</c>'s, and needs the owner's credentials, which commands do not.
    /// </summary>
    /// <exception cref="SchemaNotMigratedException">The schema is missing or older than this build's.</exception>
    public static async Task<Microsoft.Extensions.Hosting.IHost> BuildCheckedAsync(CancellationToken cancellationToken, string? schema = null)
    {
        var host = Build(schema);
        try
        {
            await host.Services.GetRequiredService<SchemaCheck>().EnsureCurrentAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }
}
