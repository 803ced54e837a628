using System.CommandLine;
using System.Diagnostics;
using Ingestion.Contracts;
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
        var command = new Command("status", "Packets and their progress, and documents by site and state.") { packets };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildWithSchemaAsync(cancellationToken);
            var queries = host.Services.GetRequiredService<PacketStatusQueries>();
            var ids = result.GetValue(packets) ?? [];
            Console.WriteLine(HoldCommands.Describe(await host.Services.GetRequiredService<ComplianceHolds>().ActiveAsync(cancellationToken)));
            Console.WriteLine();
            var progress = await queries.PacketsAsync(ids, cancellationToken);
            Console.WriteLine($"{"PACKET",-36}  {"SITE",-12}  {"DOCUMENTS",9}  {"FINAL",5}  {"IN REVIEW",9}  {"AUDITED",7}  COMPLETED");
            foreach (var packet in progress)
            {
                Console.WriteLine(
                    $"{packet.PacketId,-36}  {packet.SiteId,-12}  {packet.DocumentCount,9}  {packet.FinalCount,5}  {packet.InReviewCount,9}  {packet.AuditedCount,7}  {packet.CompletedAt?.ToString("u") ?? "-"}");
            }

            Console.WriteLine();
            Console.WriteLine($"{"SITE",-12}  {"STATE",-11}  {"DOCUMENTS",9}");
            var documents = await queries.DocumentsAsync(ids, cancellationToken);
            foreach (var group in documents.GroupBy(d => (d.SiteId, d.State)).OrderBy(g => g.Key))
            {
                Console.WriteLine($"{group.Key.SiteId,-12}  {group.Key.State,-11}  {group.Count(),9}");
            }

            return 0;
        });
        return command;
    }

    public static Command Documents()
    {
        var packets = PacketOption();
        var command = new Command("documents", "One line per document: site, document, artifact, state, error code, field tiers.") { packets };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildWithSchemaAsync(cancellationToken);
            var documents = await host.Services.GetRequiredService<PacketStatusQueries>().DocumentsAsync(result.GetValue(packets) ?? [], cancellationToken);
            PrintDocuments(documents);
            return 0;
        });
        return command;
    }

    public static Command Wait()
    {
        var packets = PacketOption();
        packets.Required = true;
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait at most.", DefaultValueFactory = _ => 300 };
        var final = new Option<bool>("--final") { Description = $"Wait for final states only (by default a document in {DocumentState.ManualReview} counts as settled)." };
        var command = new Command(
            "wait",
            "Wait until every document of the packets is final or waits for a reviewer, with that on the audit trail; print them; exit non-zero if any is unaccounted for.")
        {
            packets, timeout, final,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildWithSchemaAsync(cancellationToken);
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
            PrintDocuments(documents);
            var expected = progress.Sum(p => p.DocumentCount) + (ids.Length - progress.Count);
            var settled = documents.Count(d => DocumentState.Settled.Any(s => s.Display == d.State));
            var inReview = documents.Count(d => d.State == DocumentState.ManualReview.Display);
            var unaudited = progress.Sum(p => p.FinalCount + p.InReviewCount - p.AuditedCount);
            var unaccounted = expected - settled + (result.GetValue(final) ? inReview : 0);
            Console.WriteLine();
            Console.WriteLine(
                $"{ids.Length} packets, {expected} documents submitted: {documents.Count(d => d.State == DocumentState.Archived.Display)} archived, " +
                $"{documents.Count(d => d.State == DocumentState.Rejected.Display)} rejected, {inReview} in manual review, {unaccounted} unaccounted for, " +
                $"{unaudited} without their audit entry ({deadline.Elapsed.TotalSeconds:F1} s).");
            return unaccounted == 0 && unaudited == 0 && progress.Count == ids.Length ? 0 : 1;
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
        Console.WriteLine($"{"SITE",-12}  {"DOCUMENT",-20}  {"ARTIFACT",-8}  {"SCHEMA",-6}  {"STATE",-13}  {"ERROR CODE",-17}  FIELDS");
        foreach (var d in documents)
        {
            Console.WriteLine(
                $"{d.SiteId,-12}  {d.DocumentId,-20}  {d.ArtifactType,-8}  {d.SchemaVersion ?? "-",-6}  {d.State,-13}  {d.ErrorCode ?? "-",-17}  {(d.FieldTiers.Length == 0 ? "-" : d.FieldTiers)}");
        }
    }
}
