using System.IO.Compression;
using System.Text;
using Ingestion.Audit.Checkpoints;
using Ingestion.Audit.Export;
using Ingestion.Consumers.Pages;
using Ingestion.Persistence.Content;
using Ingestion.Saga.Packets;
using Ingestion.WebConsole.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Ingestion.WebConsole.Endpoints;

/// <summary>What the console serves besides pages: its stylesheet, page images, receipts, and the auditors' export and public key.</summary>
internal static class ConsoleDownloads
{
    private static readonly Lazy<byte[]> Stylesheet = new(() =>
    {
        using var stream = typeof(ConsoleDownloads).Assembly.GetManifestResourceStream("console.css")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IEndpointRouteBuilder MapConsoleDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/console.css", () => Results.Bytes(Stylesheet.Value, "text/css; charset=utf-8")).AllowAnonymous();
        endpoints.MapGet("/documents/{id:guid}/pages/{page:int}.png", PageAsync).RequireAuthorization(ConsolePolicies.SignedIn);
        endpoints.MapGet("/documents/{id:guid}/receipt", ReceiptAsync).RequireAuthorization(ConsolePolicies.SignedIn);
        endpoints.MapGet("/audit/export.zip", ExportAsync).RequireAuthorization(ConsolePolicies.Audit);
        endpoints.MapGet("/audit/public-key.pem", (LedgerPublicKey key) =>
            key.Pem is { } pem ? Results.File(Encoding.ASCII.GetBytes(pem), "application/x-pem-file", $"ledger-{key.KeyId}.pub.pem") : Results.NotFound())
            .RequireAuthorization(ConsolePolicies.Audit);
        return endpoints;
    }

    private static async Task<IResult> PageAsync(Guid id, int page, PacketStatusQueries documents, PageImages pages, CancellationToken cancellationToken)
    {
        if (page is < 1 or > 10_000 || await documents.DocumentAsync(id, cancellationToken) is not { Document: { } document })
        {
            return Results.NotFound();
        }

        try
        {
            if (!await pages.IsPdfAsync(document.ContentReference, cancellationToken))
            {
                return Results.NotFound();
            }

            return await pages.RenderAsync(document.ContentReference, page, cancellationToken) is { } png
                ? Results.File(png, "image/png")
                : Results.NotFound();
        }
        catch (ContentNotFoundException)
        {
            return Results.NotFound();
        }
        catch (TimeoutException)
        {
            return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
        }
    }

    private static async Task<IResult> ReceiptAsync(Guid id, PacketStatusQueries documents, AuditProver prover, CancellationToken cancellationToken)
    {
        if (await documents.DocumentAsync(id, cancellationToken) is not { } saga || await prover.ProveAsync(id, cancellationToken) is not { } receipt)
        {
            return Results.NotFound();
        }

        var name = new string((saga.Document?.DocumentId ?? id.ToString()).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        return Results.File(Encoding.UTF8.GetBytes(ReceiptJson.Write(receipt)), "application/json", $"{name}.receipt.json");
    }

    private static async Task<IResult> ExportAsync(AuditExporter exporter, IOptions<ConsoleOptions> options, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("ingestion-export-");
        var zip = Path.Combine(Path.GetTempPath(), $"ingestion-export-{Guid.NewGuid():N}.zip");
        try
        {
            await exporter.ExportAsync(Path.Combine(folder.FullName, "export"), Math.Max(1, options.Value.ExportSegmentSize), cancellationToken);
            ZipFile.CreateFromDirectory(Path.Combine(folder.FullName, "export"), zip, CompressionLevel.Optimal, includeBaseDirectory: true);
            return Results.File(await File.ReadAllBytesAsync(zip, cancellationToken), "application/zip", $"audit-export-{DateTime.UtcNow:yyyyMMdd-HHmmss}.zip");
        }
        finally
        {
            foreach (var file in folder.EnumerateFiles("*", SearchOption.AllDirectories))
            {
                file.Attributes = FileAttributes.Normal;
            }

            folder.Delete(recursive: true);
            File.Delete(zip);
        }
    }
}
