using Ingestion.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Serilog.Events;

namespace Ingestion.Gateway;

/// <summary>The site gateway's process: the fleet's configuration and database, Kestrel over HTTPS, the <c>/v1</c> endpoints.</summary>
public static class GatewayHost
{
    /// <summary>Builds the gateway; <paramref name="settings"/> override configuration (the command line's options).</summary>
    public static WebApplication Build(IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.AddIngestion(FleetRoles.None, LogEventLevel.Information);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddSiteGateway();
        var app = builder.Build();
        app.MapSiteGateway();
        return app;
    }
}
