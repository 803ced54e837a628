using System.CommandLine;
using System.Diagnostics;
using Ingestion.Contracts;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Operations.Holds;
using Ingestion.Saga.Packets;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest status</c>, <c>ingest documents</c> and <c>ingest wait</c>: where packets and documents stand.</summary>
internal static class StatusCommands
{
    public static Command Status()
    {
        var packets = PacketOption();
        var json = CliJson.Option();
        var command = new Command("status", "Packets and their progress, and documents by site and state.") { packets, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var queries = host.Services.GetRequiredService<PacketStatusQueries>();
            var ids = result.GetValue(packets) ?? [];
            var hold = await host.Services.GetRequiredService<ComplianceHolds>().ActiveAsync(cancellationToken);
            var progress = await queries.PacketsAsync(ids, cancellationToken);
            var documents = await queries.DocumentsAsync(ids, cancellationToken);
            var byState = documents.GroupBy(d => (d.SiteId, d.State)).OrderBy(g => g.Key)
                .Select(g => new { g.Key.SiteId, g.Key.State, Documents = g.Count() }).ToList();
            var findings = documents.SelectMany(d => d.Findings.Distinct().Select(code => (d.SiteId, Code: code))).GroupBy(f => f).OrderBy(g => g.Key)
                .Select(g => new { g.Key.SiteId, g.Key.Code, Documents = g.Count() }).ToList();
            if (result.GetValue(json))
            {
                CliJson.Write(new { Hold = hold, Packets = progress, DocumentsBySiteAndState = byState, DocumentsWithFindings = findings });
                return ExitCodes.Ok;
            }

            Console.WriteLine(HoldCommands.Describe(hold));
            Console.WriteLine();
            Console.WriteLine($"{"PACKET",-36}  {"SITE",-12}  {"DOCUMENTS",9}  {"FINAL",5}  {"IN REVIEW",9}  {"AUDITED",7}  COMPLETED");
            foreach (var packet in progress)
            {
                Console.WriteLine(
                    $"{packet.PacketId,-36}  {packet.SiteId,-12}  {packet.DocumentCount,9}  {packet.FinalCount,5}  {packet.InReviewCount,9}  {packet.AuditedCount,7}  {packet.CompletedAt?.ToString("u") ?? "-"}");
            }

            Console.WriteLine();
            Console.WriteLine($"{"SITE",-12}  {"STATE",-11}  {"DOCUMENTS",9}");
            foreach (var group in byState)
            {
                Console.WriteLine($"{group.SiteId,-12}  {group.State,-11}  {group.Documents,9}");
            }

            if (findings.Count > 0)
            {
                Console.WriteLine();
                Console.WriteLine($"{"SITE",-12}  {"FINDING",-11}  {"DOCUMENTS",9}");
                foreach (var finding in findings)
                {
                    Console.WriteLine($"{finding.SiteId,-12}  {finding.Code,-11}  {finding.Documents,9}");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Documents()
    {
        var packets = PacketOption();
        var json = CliJson.Option();
        var command = new Command("documents", "One line per document: site, document, artifact, state, error code, field tiers.") { packets, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var documents = await host.Services.GetRequiredService<PacketStatusQueries>().DocumentsAsync(result.GetValue(packets) ?? [], cancellationToken);
            if (result.GetValue(json))
            {
                CliJson.Write(new { Documents = documents });
            }
            else
            {
                PrintDocuments(documents);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Wait()
    {
        var packets = PacketOption();
        packets.Required = true;
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait at most.", DefaultValueFactory = _ => 300 };
        var final = new Option<bool>("--final") { Description = $"Wait for final states only (by default a document in {DocumentState.ManualReview} counts as settled)." };
        var json = CliJson.Option();
        var command = new Command(
            "wait",
            "Wait until every document of the packets is final or waits for a reviewer, with that on the audit trail; print them; exit 1 if any is unaccounted for.")
        {
            packets, timeout, final, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var queries = host.Services.GetRequiredService<PacketStatusQueries>();
            var ids = result.GetRequiredValue(packets);
            var deadline = Stopwatch.StartNew();
            IReadOnlyList<PacketProgress> progress;
            while (true)
            {
                progress = await queries.PacketsAsync(ids, cancellationToken);
                var done = progress.Count == ids.Length && progress.All(p => result.GetValue(final) ? p.Final : p.Settled);
                if (done || deadline.Elapsed.TotalSeconds >= result.GetValue(timeout))
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }

            var documents = await queries.DocumentsAsync(ids, cancellationToken);
            var expected = progress.Sum(p => p.DocumentCount) + (ids.Length - progress.Count);
            var settled = documents.Count(d => DocumentState.Settled.Any(s => s.Display == d.State));
            var inReview = documents.Count(d => d.State == DocumentState.ManualReview.Display);
            var summary = new
            {
                Packets = ids.Length,
                PacketsFound = progress.Count,
                Documents = expected,
                Archived = documents.Count(d => d.State == DocumentState.Archived.Display),
                Rejected = documents.Count(d => d.State == DocumentState.Rejected.Display),
                InReview = inReview,
                Unaccounted = expected - settled + (result.GetValue(final) ? inReview : 0),
                Unaudited = progress.Sum(p => p.FinalCount + p.InReviewCount - p.AuditedCount),
                Seconds = Math.Round(deadline.Elapsed.TotalSeconds, 1),
            };
            var accounted = summary.Unaccounted == 0 && summary.Unaudited == 0 && progress.Count == ids.Length;
            if (result.GetValue(json))
            {
                CliJson.Write(new { Accounted = accounted, Summary = summary, Documents = documents });
            }
            else
            {
                PrintDocuments(documents);
                Console.WriteLine();
                Console.WriteLine(
                    $"{summary.Packets} packets, {summary.Documents} documents submitted: {summary.Archived} archived, " +
                    $"{summary.Rejected} rejected, {summary.InReview} in manual review, {summary.Unaccounted} unaccounted for, " +
                    $"{summary.Unaudited} without their audit entry ({deadline.Elapsed.TotalSeconds:F1} s).");
            }

            return accounted ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }

    private static Option<Guid[]> PacketOption() => new("--packet")
    {
        Description = "A packet id; repeat for several (default: all packets).",
        AllowMultipleArgumentsPerToken = true,
    };

    private static void PrintDocuments(IReadOnlyList<DocumentOutcome> documents)
    {
        Console.WriteLine($"{"SITE",-12}  {"DOCUMENT",-20}  {"ARTIFACT",-8}  {"SCHEMA",-9}  {"STATE",-13}  {"ERROR CODE",-17}  FIELDS");
        foreach (var d in documents)
        {
            Console.WriteLine(
                $"{d.SiteId,-12}  {d.DocumentId,-20}  {d.ArtifactType,-8}  {d.SchemaVersion ?? "-",-9}  {d.State,-13}  {d.ErrorCode ?? "-",-17}  {(d.FieldTiers.Length == 0 ? "-" : d.FieldTiers)}");
        }
    }
}
