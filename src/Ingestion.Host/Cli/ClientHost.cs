using Ingestion.Host.Hosting;
using Ingestion.Infrastructure.Database;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace Ingestion.Host.Cli;

/// <summary>A process for one command: the same configuration as a worker, no endpoints, warnings only.</summary>
internal static class ClientHost
{
    public static Microsoft.Extensions.Hosting.IHost Build()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.AddIngestion(FleetRoles.None, LogEventLevel.Warning);
        return builder.Build();
    }

    /// <summary>Builds the host and makes sure the schema exists, for commands that only read the database.</summary>
    public static async Task<Microsoft.Extensions.Hosting.IHost> BuildWithSchemaAsync(CancellationToken cancellationToken)
    {
        var host = Build();
        await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        return host;
    }
}
