using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Ingestion.Gateway.Authentication;
using Ingestion.Gateway.Content;
using Ingestion.Gateway.Packets;
using Ingestion.Messaging.Broker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ingestion.Gateway;

/// <summary>Registers the site gateway: Kestrel on HTTPS only, site authentication, the upload, packet and receipt endpoints.</summary>
public static class GatewayRegistration
{
    /// <summary>
    /// Adds Kestrel listening on <see cref="GatewayOptions.Urls"/> with the configured certificate (TLS 1.2 and 1.3 only),
    /// and the gateway's services. The gateway writes packets and audit entries into the database's outbox, which the fleet's
    /// workers relay: it never connects to the broker, so the broker's bus of this process is not started.
    /// </summary>
    public static WebApplicationBuilder AddSiteGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var options = context.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
            var certificate = LoadCertificate(options);
            kestrel.AddServerHeader = false;
            // Uploads are limited by the intake limits while they stream, with a clear code; Kestrel's own cap would only reset the stream.
            kestrel.Limits.MaxRequestBodySize = null;
            foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var uri = new Uri(url);
                if (uri.Scheme != Uri.UriSchemeHttps || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
                {
                    throw new InvalidOperationException($"Ingestion:Gateway:Urls: '{url}' is not https://<IP address>:<port>; the gateway serves HTTPS only.");
                }

                kestrel.Listen(address, uri.Port, listen => listen.UseHttps(https =>
                {
                    https.ServerCertificate = certificate;
                    https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                }));
            }
        });
        builder.Services.AddRouting();
        builder.Services.AddSingleton<SiteAuthenticationMiddleware>();
        builder.Services.AddSingleton<ContentUploads>();
        builder.Services.AddSingleton<PacketAcceptance>();
        builder.Services.AddSingleton<SitePacketQueries>();
        RemoveBusHostedService(builder.Services);
        return builder;
    }

    /// <summary>Puts site authentication in front of every <c>/v1</c> endpoint and maps them.</summary>
    public static WebApplication MapSiteGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<SiteAuthenticationMiddleware>();
        app.UseRouting();
        var v1 = app.MapGroup("/v1");
        v1.MapGet("/site", SiteEndpoints.Describe);
        v1.MapPut("/content", (HttpContext context, ContentUploads uploads) => uploads.HandleAsync(context));
        v1.MapPost("/packets", (HttpContext context, PacketAcceptance packets) => packets.HandleAsync(context));
        v1.MapGet("/packets/{packetId:guid}", (HttpContext context, Guid packetId, SitePacketQueries queries) =>
            queries.StatusAsync(context, packetId));
        v1.MapGet("/packets/{packetId:guid}/receipts", (HttpContext context, Guid packetId, SitePacketQueries queries) =>
            queries.ReceiptsAsync(context, packetId));
        return app;
    }

    private static X509Certificate2 LoadCertificate(GatewayOptions options)
    {
        if (!File.Exists(options.CertificatePath) || !File.Exists(options.KeyPath))
        {
            throw new InvalidOperationException(
                $"The gateway's certificate '{options.CertificatePath}' or key '{options.KeyPath}' does not exist (scripts/gateway-pki.sh makes a pair).");
        }

        return X509Certificate2.CreateFromPemFile(Path.GetFullPath(options.CertificatePath), Path.GetFullPath(options.KeyPath));
    }

    // The bus is kept only so that sends can be written into the outbox; started, it would connect to the broker. The
    // fleet's queue declaration would connect too: the workers declare the queues, and relay what the gateway leaves.
    private static void RemoveBusHostedService(IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IHostedService)
                     && (d.ImplementationType?.Namespace?.StartsWith("MassTransit", StringComparison.Ordinal) == true
                         || d.ImplementationType == typeof(FleetQueueDeclaration))).ToList())
        {
            services.Remove(descriptor);
        }
    }
}
