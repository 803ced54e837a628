using System.CommandLine;
using System.Globalization;
using Ingestion.Contracts;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Saga.Packets;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest show &lt;correlation-id&gt;</c>: one document, its state and its extracted fields with their tiers.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var correlationId = new Argument<Guid>("correlation-id") { Description = "The document's correlation id." };
        var json = CliJson.Option();
        var command = new Command("show", "Show a document: state, error, template, and each extracted field with its tier, confidence and page.") { correlationId, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var id = result.GetRequiredValue(correlationId);
            var saga = await host.Services.GetRequiredService<PacketStatusQueries>().DocumentAsync(id, cancellationToken);
            if (saga is null)
            {
                await Console.Error.WriteLineAsync($"No document with correlation id {id}.");
                return ExitCodes.NotFound;
            }

            var document = saga.Document;
            if (result.GetValue(json))
            {
                CliJson.Write(new
                {
                    saga.CorrelationId,
                    saga.PacketId,
                    saga.SiteId,
                    saga.StudyId,
                    document?.DocumentId,
                    document?.ArtifactType,
                    document?.FileName,
                    document?.SizeBytes,
                    document?.Sha256,
                    saga.TemplateId,
                    saga.SchemaVersion,
                    saga.ArtifactClass,
                    saga.ClassConfidence,
                    saga.Findings,
                    State = DocumentState.DisplayOf(saga.CurrentState),
                    saga.ErrorCode,
                    saga.Reason,
                    saga.FinalizedAt,
                    saga.Fields,
                });
                return ExitCodes.Ok;
            }

            Console.WriteLine($"Document       {document?.DocumentId} ({document?.FileName}, {document?.SizeBytes} bytes)");
            Console.WriteLine($"Correlation id {saga.CorrelationId}");
            Console.WriteLine($"Packet         {saga.PacketId}, site {saga.SiteId}, study {saga.StudyId}");
            Console.WriteLine($"SHA-256        {document?.Sha256}");
            Console.WriteLine($"Template       {saga.TemplateId ?? "-"} {saga.SchemaVersion ?? string.Empty}");
            Console.WriteLine($"State          {DocumentState.DisplayOf(saga.CurrentState)}{(saga.ErrorCode is null ? string.Empty : $" ({saga.ErrorCode})")}");
            if (saga.Reason is not null)
            {
                Console.WriteLine($"Reason         {saga.Reason}");
            }

            if (saga.ReadingNotes is not null)
            {
                Console.WriteLine($"Reading notes  {saga.ReadingNotes}");
            }

            if (saga.ArtifactClass is not null)
            {
                Console.WriteLine($"Artifact class {saga.ArtifactClass} (confidence {saga.ClassConfidence?.ToString("F2", CultureInfo.InvariantCulture) ?? "-"})");
            }

            foreach (var finding in saga.Findings)
            {
                Console.WriteLine($"Finding        {finding.Code}: {finding.Detail}");
            }

            Console.WriteLine();
            Console.WriteLine($"{"FIELD",-22}  {"TIER",-9}  {"CONF",5}  {"PAGE",4}  VALUE");
            foreach (var field in saga.Fields)
            {
                Console.WriteLine(
                    $"{field.Name,-22}  {field.Tier,-9}  {field.Confidence.ToString("F2", CultureInfo.InvariantCulture),5}  {field.Page?.ToString(CultureInfo.InvariantCulture) ?? "-",4}  {field.Value}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
