using System.CommandLine;
using System.Diagnostics;
using Ingestion.Contracts;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Identity.Signatures;
using Ingestion.Persistence.Outbox;
using Ingestion.Saga.Review;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest review list|show|correct|approve|reject</c>: the reviewers' side of manual review, signed.</summary>
internal static class ReviewCommands
{
    public static Command Create()
    {
        var review = new Command("review", "Documents waiting in manual review, and the reviewer's decision on them.");
        review.Subcommands.Add(List());
        review.Subcommands.Add(Show());
        review.Subcommands.Add(Correct());
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
        var command = new Command(
            "show", "What a document in review holds: its original, the fields as corrected so far, what is missing, and the record version to sign.")
        {
            correlationId,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var id = result.GetRequiredValue(correlationId);
            var item = (await host.Services.GetRequiredService<ReviewQueries>().PendingAsync(id, cancellationToken)).SingleOrDefault();
            if (item is null || await host.Services.GetRequiredService<ReviewDecisions>().RecordAsync(id, cancellationToken) is not { } record)
            {
                await Console.Error.WriteLineAsync($"{id} is not waiting in manual review.");
                return ExitCodes.NotFound;
            }

            Console.WriteLine($"Document   {item.DocumentId} of {item.SiteId}: {item.FileName}, {item.Template}");
            Console.WriteLine($"Original   {item.ContentReference} (SHA-256 {item.Sha256}), untouched");
            Console.WriteLine($"Needs      {Needs(item)}");
            Console.WriteLine($"Record     sha256:{record.Hash} (the version a signature now signs; --record-sha256 binds a decision to it)");
            foreach (var field in record.Fields)
            {
                Console.WriteLine($"  {field.Name,-22} {field.Tier,-9} {field.Confidence,5:F2}  p.{field.Page}  {field.Value}");
            }

            foreach (var correction in record.Corrections)
            {
                Console.WriteLine(
                    $"  corrected {correction.FieldName}: '{correction.OldValue}' -> '{correction.NewValue}' by {correction.PrintedName} ({correction.CorrectedBy}) " +
                    $"at {correction.CorrectedAt:yyyy-MM-dd HH:mm:ss} UTC: {correction.Reason}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Correct()
    {
        var correlationId = new Argument<Guid>("correlation-id") { Description = "The document's correlation id." };
        var field = new Option<string>("--field") { Description = "The field to correct, e.g. signature_date.", Required = true };
        var value = new Option<string>("--value") { Description = "Its new value, as read on the original.", Required = true };
        var (reviewer, reason, record, stdin) = SigningOptions();
        var command = new Command(
            "correct", "Correct one field of a document in review, signed with your password; the old value, the new value and the reason are audited.")
        {
            correlationId, field, value, reviewer, reason, record, stdin,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (await SigningRequestAsync(result, reviewer, reason, stdin, "ingest review correct") is not { } request)
            {
                return ExitCodes.Usage;
            }

            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            return await BusCommand.RunAsync(host, async () =>
            {
                var outcome = await host.Services.GetRequiredService<ReviewDecisions>().CorrectAsync(
                    request, result.GetRequiredValue(correlationId), result.GetRequiredValue(field), result.GetRequiredValue(value), result.GetValue(record),
                    cancellationToken);
                if (outcome.Value is not { } correction)
                {
                    await Console.Error.WriteLineAsync($"Refused: {outcome.Message}");
                    return ExitCodes.CheckFailed;
                }

                Console.WriteLine(
                    $"Corrected {correction.FieldName}: '{correction.OldValue}' -> '{correction.NewValue}'; signed {outcome.Signature!.Manifestation}, " +
                    $"record sha256:{outcome.Signature.RecordHash}.");
                return ExitCodes.Ok;
            }, cancellationToken);
        });
        return command;
    }

    private static Command Decide(string verb, bool approved)
    {
        var correlationId = new Argument<Guid>("correlation-id") { Description = "The document's correlation id." };
        var (reviewer, reason, record, stdin) = SigningOptions();
        var command = new Command(
            verb,
            (approved ? "Approve the document as its fields now stand: it is archived with them." : $"Reject the document: it ends {DocumentState.Rejected} with {ErrorCodes.ReviewRejected}.") +
            " Signed with your password; the saga applies only a decision so signed on the document's current version.")
        {
            correlationId, reviewer, reason, record, stdin,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var id = result.GetRequiredValue(correlationId);
            if (await SigningRequestAsync(result, reviewer, reason, stdin, $"ingest review {verb}") is not { } request)
            {
                return ExitCodes.Usage;
            }

            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var queries = host.Services.GetRequiredService<ReviewQueries>();
            if (await queries.StateOfAsync(id, cancellationToken) is null)
            {
                await Console.Error.WriteLineAsync($"No document with correlation id {id}.");
                return ExitCodes.NotFound;
            }

            return await BusCommand.RunAsync(host, async () =>
            {
                var outcome = await host.Services.GetRequiredService<ReviewDecisions>().DecideAsync(
                    request, id, approved, result.GetValue(record), cancellationToken);
                if (outcome.Value is not { } decision)
                {
                    await Console.Error.WriteLineAsync($"Refused: {outcome.Message}");
                    return ExitCodes.CheckFailed;
                }

                Console.WriteLine($"Decision {decision.DecisionId} recorded: {verb} {id}, signed {outcome.Signature!.Manifestation}, record sha256:{decision.RecordHash}.");
                await host.Services.GetRequiredService<OutboxRelay>().RelayAsync(cancellationToken);

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
            }, cancellationToken);
        });
        return command;
    }

    private static (Option<string> Reviewer, Option<string> Reason, Option<string> Record, Option<bool> Stdin) SigningOptions() => (
        new Option<string>("--reviewer") { Description = "Your user name (a reviewer's account); you sign with your password.", Required = true },
        new Option<string>("--reason") { Description = "Why (recorded with the signature and in the audit trail).", Required = true },
        new Option<string>("--record-sha256") { Description = "Sign only if the document is still this version (as 'review show' printed it)." },
        Passwords.StdinOption());

    private static async Task<SignatureRequest?> SigningRequestAsync(
        ParseResult result, Option<string> reviewer, Option<string> reason, Option<bool> stdin, string command)
    {
        var who = result.GetRequiredValue(reviewer).Trim();
        var why = result.GetRequiredValue(reason).Trim();
        if (who.Length == 0 || why.Length == 0)
        {
            await Console.Error.WriteLineAsync("A signed review action needs your user name (--reviewer) and a reason.");
            return null;
        }

        if (new Passwords(result.GetValue(stdin)).Read($"Password for {who} (electronic signature): ") is not { } password)
        {
            return null;
        }

        return new SignatureRequest
        {
            UserName = who,
            Password = password,
            Meaning = SignatureMeanings.Approval,
            Reason = why,
            Origin = $"command '{command}' as {Environment.UserName}@{Environment.MachineName}",
        };
    }

    private static string Needs(ReviewItem item) =>
        string.Join("; ", new[]
        {
            item.MissingFields.Count > 0 ? $"missing {string.Join(", ", item.MissingFields)}" : null,
            item.LowConfidenceFields.Count > 0 ? $"uncertain {string.Join(", ", item.LowConfidenceFields)}" : null,
        }.OfType<string>());
}
