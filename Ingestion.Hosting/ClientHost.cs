using Ingestion.Persistence.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace Ingestion.Hosting;

/// <summary>A process for one command: the same configuration as a worker, no endpoints, warnings only.</summary>
public static class ClientHost
{
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

    /// <summary>Builds the host and makes sure the schema exists, for commands that only read the database.</summary>
    public static async Task<Microsoft.Extensions.Hosting.IHost> BuildWithSchemaAsync(CancellationToken cancellationToken, string? schema = null)
    {
        var host = Build(schema);
        await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        return host;
    }
}
