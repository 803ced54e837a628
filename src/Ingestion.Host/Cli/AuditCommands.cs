using System.CommandLine;
using Ingestion.Audit.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest audit verify</c> and <c>ingest audit trail &lt;correlation-id&gt;</c>.</summary>
internal static class AuditCommands
{
    public static Command Create()
    {
        var audit = new Command("audit", "Verify and read the hash-chained audit trail.");
        audit.Subcommands.Add(Verify());
        audit.Subcommands.Add(Trail());
        return audit;
    }

    private static Command Verify()
    {
        var command = new Command("verify", "Recompute the whole chain; print its head, or the first entry that does not verify (exit 1).");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var host = await ClientHost.BuildWithSchemaAsync(cancellationToken);
            var result = await host.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(cancellationToken);
            if (result.Intact)
            {
                Console.WriteLine($"Audit chain intact: {result.Entries} entries, head seq {result.HeadSeq}, head hash {result.HeadHash}");
                return 0;
            }

            Console.WriteLine($"Audit chain BROKEN at seq {result.FirstBadSeq}: {result.Problem}.");
            Console.WriteLine($"The {result.Entries} entries before it verify; last good seq {result.HeadSeq}, hash {result.HeadHash}");
            return 1;
        });
        return command;
    }

    private static Command Trail()
    {
        var correlationId = new Argument<Guid>("correlation-id") { Description = "The document's correlation id." };
        var command = new Command("trail", "Print a document's audit entries in chain order.") { correlationId };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildWithSchemaAsync(cancellationToken);
            var ledger = host.Services.GetRequiredService<AuditLedger>();
            var count = 0;
            Console.WriteLine($"{"SEQ",6}  {"OCCURRED (UTC)",-26}  {"ACTION",-8}  {"FROM",-10}  {"TO",-10}  {"OUTCOME",-9}  {"ATTEMPT",7}  {"ERROR",-16}  ACTOR");
            await foreach (var entry in ledger.ReadAsync(result.GetRequiredValue(correlationId), cancellationToken))
            {
                var e = entry.Event;
                Console.WriteLine(
                    $"{entry.Seq,6}  {e.OccurredAt:yyyy-MM-dd HH:mm:ss.ffffff}  {e.Action,-8}  {e.FromState ?? "-",-10}  {e.ToState,-10}  {e.Outcome,-9}  {e.Attempt,7}  {e.ErrorCode ?? "-",-16}  {e.Actor.WorkerId}");
                count++;
            }

            return count > 0 ? 0 : 1;
        });
        return command;
    }
}
