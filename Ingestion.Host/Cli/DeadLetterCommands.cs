using System.CommandLine;
using System.Globalization;
using Ingestion.Contracts;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Identity.Signatures;
using Ingestion.Messaging.Broker;
using Ingestion.Operations.DeadLetters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest dlq list|show|replay|purge</c>: the operators' side of the <c>_error</c> queues.</summary>
internal static class DeadLetterCommands
{
    private static readonly string FilterHelp =
        $"Only messages matching key=value (repeatable, all must hold, case-insensitive); keys: {string.Join(", ", DeadLetterFilter.Keys)}. " +
        "exception takes the full or the short type name, e.g. exception=TransientFaultException site=US-BOS-001.";

    public static Command Create()
    {
        var dlq = new Command("dlq", "Dead-lettered messages in the _error queues: list, show, replay to the input queue, purge. Replays and purges are audited.");
        dlq.Subcommands.Add(List());
        dlq.Subcommands.Add(Show());
        dlq.Subcommands.Add(Replay());
        dlq.Subcommands.Add(Purge());
        return dlq;
    }

    private static Command List()
    {
        var queue = new Option<string>("--queue") { Description = "Only this error queue (default: every _error queue)." };
        var json = CliJson.Option();
        var command = new Command("list", "Dead letters grouped by queue, exception type, site and error code, with counts and the oldest one's age.") { queue, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = ClientHost.Build();
            await using var queues = await ConnectAsync(host, cancellationToken);
            var names = result.GetValue(queue) is { Length: > 0 } one ? [one] : await queues.ErrorQueuesAsync(cancellationToken);
            var letters = new List<DeadLetter>();
            foreach (var name in names)
            {
                if (!await queues.ExistsAsync(name, cancellationToken))
                {
                    await Console.Error.WriteLineAsync($"No queue {name}.");
                    return ExitCodes.NotFound;
                }

                letters.AddRange(await queues.PeekAsync(name, DeadLetterFilter.All, cancellationToken));
            }

            if (result.GetValue(json))
            {
                CliJson.Write(new { Messages = letters.Count, Queues = names, Groups = DeadLetterGroup.Summarize(letters) });
                return ExitCodes.Ok;
            }

            var now = DateTimeOffset.UtcNow;
            Console.WriteLine($"{"QUEUE",-28}  {"EXCEPTION TYPE",-58}  {"SITE",-12}  {"ERROR CODE",-26}  {"COUNT",5}  OLDEST");
            foreach (var group in DeadLetterGroup.Summarize(letters))
            {
                Console.WriteLine(
                    $"{group.Queue,-28}  {group.ExceptionType,-58}  {group.SiteId,-12}  {group.ErrorCode,-26}  {group.Count,5}  {Age(now, group.OldestFaultAt)}");
            }

            Console.WriteLine($"{letters.Count} dead-lettered messages in {names.Count} error queues.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var messageId = new Argument<string>("message-id") { Description = "The message id (as list, the management UI or a log shows it)." };
        var queue = new Option<string>("--queue") { Description = "Look only in this error queue (default: every _error queue)." };
        var command = new Command("show", "A dead letter's identity, fault headers and payload SHA-256; the message stays where it is.") { messageId, queue };
        command.SetAction(async (result, cancellationToken) =>
        {
            var id = result.GetRequiredValue(messageId).Trim();
            using var host = ClientHost.Build();
            await using var queues = await ConnectAsync(host, cancellationToken);
            var names = result.GetValue(queue) is { Length: > 0 } one ? [one] : await queues.ErrorQueuesAsync(cancellationToken);
            var filter = DeadLetterFilter.Parse([$"message-id={id}"]);
            foreach (var name in names)
            {
                if (!await queues.ExistsAsync(name, cancellationToken))
                {
                    continue;
                }

                var found = await queues.PeekAsync(name, filter, cancellationToken);
                if (found.Count == 0)
                {
                    continue;
                }

                var letter = found[0];
                Console.WriteLine($"Queue          {letter.Queue} (input queue {DeadLetterQueues.InputQueueOf(letter.Queue)})");
                Console.WriteLine($"Message id     {letter.MessageId}");
                Console.WriteLine($"Correlation id {letter.CorrelationId ?? "-"}");
                Console.WriteLine($"Site           {letter.SiteId}");
                Console.WriteLine($"Error code     {letter.ErrorCode}");
                Console.WriteLine($"Reason         {letter.Reason}");
                Console.WriteLine($"Faulted at     {(letter.FaultedAt is { } at ? $"{at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC ({Age(DateTimeOffset.UtcNow, at)} ago)" : "-")}");
                Console.WriteLine($"Payload        {letter.PayloadBytes} bytes, SHA-256 {letter.PayloadSha256}");
                Console.WriteLine("Headers");
                foreach (var (key, value) in letter.Headers)
                {
                    // Stack traces span lines; indent the continuation so the header list stays readable.
                    Console.WriteLine($"  {key}: {value.ReplaceLineEndings(Environment.NewLine + "      ")}");
                }

                return ExitCodes.Ok;
            }

            await Console.Error.WriteLineAsync($"No dead letter with message id {id}.");
            return ExitCodes.NotFound;
        });
        return command;
    }

    private static Command Replay()
    {
        var queue = new Option<string>("--queue") { Description = "The error queue, e.g. parse-document_error; messages go back to parse-document.", Required = true };
        var filter = new Option<string[]>("--filter") { Description = FilterHelp, AllowMultipleArgumentsPerToken = true };
        var by = new Option<string>("--by") { Description = "Your user name (an operator's account); you sign the replay with your password." };
        var reason = new Option<string>("--reason") { Description = "Why (recorded with the signature, in the audit trail and on each message)." };
        var rate = new Option<int>("--rate") { Description = "At most this many messages a second.", DefaultValueFactory = _ => 50 };
        var stdin = Passwords.StdinOption();
        var command = new Command(
            "replay",
            "Move dead letters back to their input queue with their message id, correlation id, headers and body: each is rejected " +
            "and the error queue's dead-letter route takes it back, so the operator's broker user needs no right to publish. " +
            "Signed with your password on exactly the messages that match when you sign.")
        {
            queue, filter, by, reason, rate, stdin,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (await Validate(result, queue, filter, by, reason) is not { } request)
            {
                return ExitCodes.Usage;
            }

            if (result.GetValue(rate) < 1)
            {
                await Console.Error.WriteLineAsync("--rate must be at least 1 message a second.");
                return ExitCodes.Usage;
            }

            // The schema first: if the audit trail cannot be reached, nothing is touched.
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            await using var queues = await ConnectAsync(host, cancellationToken);
            var input = DeadLetterQueues.InputQueueOf(request.Queue);
            if (await Missing(queues, [request.Queue, input], cancellationToken))
            {
                return ExitCodes.NotFound;
            }

            if (!await queues.ReplaysToInputAsync(request.Queue, cancellationToken))
            {
                await Console.Error.WriteLineAsync(
                    $"Refused: {request.Queue} has no dead-letter route back to {input} (declared by an earlier build); a replay would drop its " +
                    "messages. Migrate the queue as the README's 'Changing the queue type of a deployment' describes.");
                return ExitCodes.CheckFailed;
            }

            return await SignedAsync(
                host, queues, request, SignatureMeanings.Replay, AuditActions.DeadLetterReplay, input, result.GetValue(stdin),
                (signed, actionId, token) => queues.ReplayAsync(request.Queue, signed, result.GetValue(rate), token),
                cancellationToken);
        });
        return command;
    }

    private static Command Purge()
    {
        var queue = new Option<string>("--queue") { Description = "The error queue, e.g. parse-document_error.", Required = true };
        var filter = new Option<string[]>("--filter") { Description = FilterHelp, AllowMultipleArgumentsPerToken = true };
        var by = new Option<string>("--by") { Description = "Your user name (an operator's account; required); you sign the purge with your password." };
        var reason = new Option<string>("--reason") { Description = "Why (required; recorded with the signature, in the audit trail and with each purged hash)." };
        var stdin = Passwords.StdinOption();
        var command = new Command(
            "purge",
            "Delete dead letters for good; each message's id, correlation id, payload SHA-256 and fault are first recorded in dead_letter_purges. " +
            "Signed with your password on exactly the messages that match when you sign.")
        {
            queue, filter, by, reason, stdin,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (await Validate(result, queue, filter, by, reason) is not { } request)
            {
                return ExitCodes.Usage;
            }

            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            await using var queues = await ConnectAsync(host, cancellationToken);
            if (await Missing(queues, [request.Queue], cancellationToken))
            {
                return ExitCodes.NotFound;
            }

            var log = host.Services.GetRequiredService<DeadLetterPurgeLog>();
            return await SignedAsync(
                host, queues, request, SignatureMeanings.Purge, AuditActions.DeadLetterPurge, "PURGED", result.GetValue(stdin),
                (signed, actionId, token) => queues.PurgeAsync(
                    request.Queue, signed, (letter, t) => log.RecordAsync(actionId, letter, request.By, request.Reason, t), token),
                cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Signs the action on the messages that match now, runs it on exactly those, and audits it under the signature, also
    /// when it was interrupted part-way. The host is not started: nothing is sent, and starting it would declare the
    /// fleet's queues, which the operator's broker user may not.
    /// </summary>
    private static async Task<int> SignedAsync(
        Microsoft.Extensions.Hosting.IHost host,
        DeadLetterQueues queues,
        ActionRequest request,
        string meaning,
        string action,
        string toState,
        bool passwordFromStdin,
        Func<DeadLetterFilter, Guid, CancellationToken, Task<DeadLetterActionResult>> run,
        CancellationToken cancellationToken)
    {
        var letters = await queues.PeekAsync(request.Queue, request.Filter, cancellationToken);
        Console.WriteLine($"{letters.Count} dead letters in {request.Queue} match {request.Filter}.");
        if (letters.Count == 0)
        {
            return ExitCodes.Ok;
        }

        if (new Passwords(passwordFromStdin).Read($"Password for {request.By} (electronic signature of the {meaning.ToLowerInvariant()}): ") is not { } password)
        {
            return ExitCodes.Usage;
        }

        var signed = await host.Services.GetRequiredService<DeadLetterSignatures>().SignAsync(
            new SignatureRequest
            {
                UserName = request.By,
                Password = password,
                Meaning = meaning,
                Reason = request.Reason,
                Origin = $"command 'ingest dlq {meaning.ToLowerInvariant()}' as {Environment.UserName}@{Environment.MachineName}",
            },
            request.Queue, request.Filter, letters, cancellationToken);
        if (!signed.IsSigned)
        {
            await Console.Error.WriteLineAsync($"Refused: {signed.Message}");
            return ExitCodes.CheckFailed;
        }

        var signature = signed.Signature!;
        var outcome = await run(request.Filter.Only(letters), signed.Value, cancellationToken);
        await host.Services.GetRequiredService<DeadLetterAudit>().RecordAsync(
            signed.Value, action, $"operator:{signature.UserName}", request.Queue, toState, outcome, request.Reason, signature.SignatureId,
            CancellationToken.None);
        var verb = action == AuditActions.DeadLetterReplay ? $"replayed to {toState}" : "purged";
        Console.WriteLine(
            $"{outcome.Done} messages {verb} from {request.Queue}, signed {signature.Manifestation} ({request.Filter}); " +
            $"{outcome.Kept} not signed for left in place; audit subject {signed.Value}.");
        if (outcome.Interrupted)
        {
            Console.WriteLine("Interrupted: the messages not yet done are still in the error queue.");
            return ExitCodes.CheckFailed;
        }

        return ExitCodes.Ok;
    }

    private static async Task<ActionRequest?> Validate(
        ParseResult result, Option<string> queue, Option<string[]> filter, Option<string> by, Option<string> reason)
    {
        var name = result.GetRequiredValue(queue).Trim();
        var who = result.GetValue(by)?.Trim() ?? string.Empty;
        var why = result.GetValue(reason)?.Trim() ?? string.Empty;
        if (who.Length == 0 || why.Length == 0)
        {
            await Console.Error.WriteLineAsync("Refused: an operator action on dead letters needs --by USER and --reason \"…\" (both are signed and audited).");
            return null;
        }

        if (!DeadLetterQueues.IsErrorQueue(name))
        {
            await Console.Error.WriteLineAsync($"Refused: {name} is not an error queue (its name must end in _error).");
            return null;
        }

        try
        {
            return new ActionRequest(name, DeadLetterFilter.Parse(result.GetValue(filter)), who, why);
        }
        catch (FormatException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return null;
        }
    }

    private static async Task<bool> Missing(DeadLetterQueues queues, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        foreach (var name in names)
        {
            if (!await queues.ExistsAsync(name, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"No queue {name}.");
                return true;
            }
        }

        return false;
    }

    private static Task<DeadLetterQueues> ConnectAsync(Microsoft.Extensions.Hosting.IHost host, CancellationToken cancellationToken) =>
        DeadLetterQueues.ConnectAsync(
            host.Services.GetRequiredService<IOptions<RabbitMqOptions>>().Value,
            host.Services.GetRequiredService<RabbitMqManagementClient>(),
            cancellationToken);

    private static string Age(DateTimeOffset now, DateTimeOffset? since)
    {
        if (since is null)
        {
            return "-";
        }

        var age = now - since.Value;
        return age.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays}d {age.Hours}h")
            : age.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours}h {age.Minutes:D2}m")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes}m {Math.Max(0, age.Seconds):D2}s");
    }

    private sealed record ActionRequest(string Queue, DeadLetterFilter Filter, string By, string Reason);
}
