using System.CommandLine;
using System.Diagnostics;
using Ingestion.Contracts;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Messaging.Fleet;
using Ingestion.Saga.Review;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest review list|show|approve|reject</c>: the reviewers' side of manual review.</summary>
internal static class ReviewCommands
{
    public static Command Create()
    {
        var review = new Command("review", "Documents waiting in manual review, and the reviewer's decision on them.");
        review.Subcommands.Add(List());
        review.Subcommands.Add(Show());
        review.Subcommands.Add(Decide("approve", approved: true));
        review.Subcommands.Add(Decide("reject", approved: false));
        return review;
    }

    private static Command List()
    {
        var json = CliJson.Option();
        var command = new Command("list", "Documents waiting for a reviewer, oldest first.") { json };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var items = await host.Services.GetRequiredService<ReviewQueries>().PendingAsync(cancellationToken: cancellationToken);
            if (result.GetValue(json))
            {
                CliJson.Write(new { Documents = items });
                return ExitCodes.Ok;
            }

            Console.WriteLine($"{"CORRELATION ID",-36}  {"SITE",-12}  {"DOCUMENT",-20}  {"TEMPLATE",-22}  {"WAITING SINCE (UTC)",-19}  NEEDS");
            foreach (var item in items)
            {
                Console.WriteLine(
                    $"{item.CorrelationId,-36}  {item.SiteId,-12}  {item.DocumentId,-20}  {item.Template,-22}  {item.RequestedAt:yyyy-MM-dd HH:mm:ss}  {Needs(item)}");
            }

            Console.WriteLine($"{items.Count} documents in manual review.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var correlationId = new Argument<Guid>("correlation-id") { Description = "The document's correlation id." };
        var command = new Command("show", "What a document in review holds: its original, the fields found and what is missing.") { correlationId };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var item = (await host.Services.GetRequiredService<ReviewQueries>()
                .PendingAsync(result.GetRequiredValue(correlationId), cancellationToken)).SingleOrDefault();
            if (item is null)
            {
                await Console.Error.WriteLineAsync($"{result.GetRequiredValue(correlationId)} is not waiting in manual review.");
                return ExitCodes.NotFound;
            }

            Console.WriteLine($"Document   {item.DocumentId} of {item.SiteId}: {item.FileName}, {item.Template}");
            Console.WriteLine($"Original   {item.ContentReference} (SHA-256 {item.Sha256}), untouched");
            Console.WriteLine($"Needs      {Needs(item)}");
            foreach (var field in item.Fields)
            {
                Console.WriteLine($"  {field.Name,-22} {field.Tier,-9} {field.Confidence,5:F2}  p.{field.Page}  {field.Value}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Decide(string verb, bool approved)
    {
        var correlationId = new Argument<Guid>("correlation-id") { Description = "The document's correlation id." };
        var reviewer = new Option<string>("--reviewer") { Description = "Who decides (recorded in the audit trail).", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the audit trail).", Required = true };
        var command = new Command(
            verb, approved ? "Approve the document as it is: it is archived." : $"Reject the document: it ends {DocumentState.Rejected} with {ErrorCodes.ReviewRejected}.")
        {
            correlationId, reviewer, reason,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var id = result.GetRequiredValue(correlationId);
            var who = result.GetRequiredValue(reviewer).Trim();
            var why = result.GetRequiredValue(reason).Trim();
            if (who.Length == 0 || why.Length == 0)
            {
                await Console.Error.WriteLineAsync("A decision needs a reviewer's name and a reason.");
                return ExitCodes.Usage;
            }

            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var queries = host.Services.GetRequiredService<ReviewQueries>();
            if ((await queries.PendingAsync(id, cancellationToken)).Count == 0)
            {
                var state = await queries.StateOfAsync(id, cancellationToken);
                await Console.Error.WriteLineAsync(state is null ? $"No document with correlation id {id}." : $"{id} is not waiting in manual review (state: {state}).");
                return state is null ? ExitCodes.NotFound : ExitCodes.CheckFailed;
            }

            await host.StartAsync(cancellationToken);
            try
            {
                var decision = new RecordReviewDecision
                {
                    CorrelationId = id,
                    Approved = approved,
                    Reviewer = who,
                    Reason = why,
                    DecidedAt = DateTime.UtcNow,
                    DecidedOn = host.Services.GetRequiredService<WorkerIdentity>().Actor,
                };
                await host.Services.GetRequiredService<IBus>().Send(decision, cancellationToken);
                Console.WriteLine($"Decision recorded: {verb} {id} by {who}.");

                // The saga applies the decision asynchronously; show its effect when it comes within a few seconds.
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed < TimeSpan.FromSeconds(15))
                {
                    var state = await queries.StateOfAsync(id, cancellationToken);
                    if (state != DocumentState.ManualReview.Display)
                    {
                        Console.WriteLine($"Document is now {state}.");
                        break;
                    }

                    await Task.Delay(200, cancellationToken);
                }

                return ExitCodes.Ok;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }

    private static string Needs(ReviewItem item) =>
        string.Join("; ", new[]
        {
            item.MissingFields.Count > 0 ? $"missing {string.Join(", ", item.MissingFields)}" : null,
            item.LowConfidenceFields.Count > 0 ? $"uncertain {string.Join(", ", item.LowConfidenceFields)}" : null,
        }.OfType<string>());
}
