using System.CommandLine;
using System.Net;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Persistence.Database;
using Ingestion.WebConsole;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Events;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest console --urls …</c>: serve the review console to reviewers, operators and auditors.</summary>
internal static class ConsoleCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, ';'-separated. Plain http only on a loopback address (put a TLS proxy in front, or give Kestrel a certificate for https).",
            DefaultValueFactory = _ => "http://127.0.0.1:8080",
        };
        var command = new Command("console", "Serve the review console: review queue, documents, fleet and audit pages, with accounts and electronic signatures.") { urls };
        command.SetAction(async (result, cancellationToken) =>
        {
            var addresses = result.GetRequiredValue(urls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (addresses.FirstOrDefault(Insecure) is { } insecure)
            {
                await Console.Error.WriteLineAsync(
                    $"Refused: {insecure} would send passwords and session cookies in clear text. Use https, or http on a loopback address behind a TLS proxy.");
                return ExitCodes.Usage;
            }

            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.AddIngestion(FleetRoles.None, LogEventLevel.Warning);
            builder.AddIngestionConsole();
            builder.WebHost.UseUrls(addresses);
            await using var app = builder.Build();
            // Like a worker, the console runs as the fleet's role and never migrates: a schema not migrated ends it with one line.
            await app.Services.GetRequiredService<SchemaCheck>().EnsureCurrentAsync(cancellationToken);
            app.MapIngestionConsole();
            await app.StartAsync(cancellationToken);
            Console.WriteLine($"Console listening on {string.Join(", ", addresses)}");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static bool Insecure(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            return false;
        }

        return !(uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
    }
}
