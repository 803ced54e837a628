using System.CommandLine;
using Ingestion.Gateway;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Persistence.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest gateway</c>: the sites' only door, HTTPS with a per-site token.</summary>
internal static class GatewayCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "HTTPS addresses to listen on, ';'-separated (default: Ingestion:Gateway:Urls)." };
        var certificate = new Option<string?>("--certificate") { Description = "The server certificate, PEM (default: Ingestion:Gateway:CertificatePath)." };
        var key = new Option<string?>("--key") { Description = "The server certificate's key, PEM (default: Ingestion:Gateway:KeyPath)." };
        var command = new Command("gateway", "Run the site gateway: sites upload documents and submit packets over HTTPS with their own token.")
        {
            urls, certificate, key,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = new Dictionary<string, string?>();
            Set(settings, "Urls", result.GetValue(urls));
            Set(settings, "CertificatePath", result.GetValue(certificate));
            Set(settings, "KeyPath", result.GetValue(key));
            await using var app = GatewayHost.Build(settings);
            await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Set(Dictionary<string, string?> settings, string key, string? value)
    {
        if (value is not null)
        {
            settings[$"{Ingestion.Gateway.GatewayOptions.Section}:{key}"] = value;
        }
    }
}
