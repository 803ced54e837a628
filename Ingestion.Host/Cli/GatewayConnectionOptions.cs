using System.CommandLine;
using Ingestion.Site.Client;

namespace Ingestion.Host.Cli;

/// <summary>The three options a site's commands need to reach its gateway, and nothing else.</summary>
internal sealed record GatewayConnectionOptions(Option<string> Gateway, Option<FileInfo> TokenFile, Option<FileInfo> Ca)
{
    public static GatewayConnectionOptions Create() => new(
        new Option<string>("--gateway") { Description = "The site gateway's address, for example https://127.0.0.1:8443.", Required = true },
        new Option<FileInfo>("--token-file") { Description = "The file holding this site's token (readable by its owner only).", Required = true },
        new Option<FileInfo>("--ca") { Description = "The CA certificate (PEM) that issued the gateway's certificate; no other CA is trusted.", Required = true });

    public GatewayClient Connect(ParseResult result) => new(GatewayConnection.Load(
        result.GetRequiredValue(Gateway), result.GetRequiredValue(TokenFile).FullName, result.GetRequiredValue(Ca).FullName).CreateClient());
}
