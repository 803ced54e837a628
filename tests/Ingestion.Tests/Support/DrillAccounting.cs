using Ingestion.Audit.Export;
using Ingestion.Contracts;
using Ingestion.Saga.Packets;
using Npgsql;

namespace Ingestion.Tests.Support;

/// <summary>What every fault drill must find afterwards: nothing lost, nothing duplicated, the trail intact.</summary>
internal static class DrillAccounting
{
    /// <summary>The error queues of the endpoints a document's path runs through.</summary>
    public static readonly string[] ErrorQueues =
        ["validate-document_error", "parse-document_error", "archive-document_error", "document-ingestion_error", "packet-intake_error", "packet-tracker_error"];

    /// <summary>Waits for the packet to complete; if it does not, says where its unfinished documents are.</summary>
    public static async Task<IReadOnlyList<DocumentOutcome>> WaitForPacketAsync(Fleet fleet, Guid packetId, TimeSpan timeout)
    {
        try
        {
            return await fleet.WaitForPacketsAsync(timeout, packetId);
        }
        catch (AssertionException)
        {
            await using var connection = await fleet.OpenDatabaseAsync();
            await using var stuck = new NpgsqlCommand(
                "SELECT current_state, count(*) FROM document_ingestion WHERE NOT current_state = ANY(@final) GROUP BY 1", connection);
            stuck.Parameters.AddWithValue("final", DocumentState.Names(DocumentState.Final));
            await using (var reader = await stuck.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    TestContext.Out.WriteLine($"unfinished: {reader.GetString(0)} × {reader.GetInt64(1)}");
                }
            }

            TestContext.Out.WriteLine((await fleet.RunIngestAsync("dlq", "list")).Output);
            foreach (var line in fleet.WorkerLog.Where(l => l.Contains("\"@l\":\"Error\"", StringComparison.Ordinal)).Take(5))
            {
                TestContext.Out.WriteLine(line.Length > 4000 ? line[..4000] : line);
            }

            throw;
        }
    }

    public static async Task AssertNothingLostOrDuplicatedAsync(Fleet fleet, IReadOnlyList<DocumentOutcome> documents, int submitted)
    {
        var finalTransitions = await Eventually.Until(
            () => fleet.LedgerAsync(), l => l.Count(e => e.Event.ToState is "ARCHIVED" or "REJECTED") >= submitted, TimeSpan.FromMinutes(2),
            "every final transition on the audit trail");

        Assert.That(documents, Has.Count.EqualTo(submitted), "one saga per document");
        var archived = documents.Count(d => d.State == "ARCHIVED");
        var rejected = documents.Count(d => d.State == "REJECTED");
        var inReview = documents.Count(d => d.State == "MANUAL_REVIEW");
        var deadLettered = 0L;
        var where = new List<string>();
        foreach (var queue in ErrorQueues)
        {
            var depth = Math.Max(0, await fleet.QueueDepthAsync(queue));
            deadLettered += depth;
            if (depth > 0)
            {
                where.Add($"{queue}: {depth}");
            }
        }

        if (deadLettered > rejected)
        {
            foreach (var line in fleet.WorkerLog.Where(l => l.Contains("R-FAULT", StringComparison.Ordinal)).Take(3))
            {
                TestContext.Out.WriteLine(line.Length > 6000 ? line[..6000] : line);
            }
        }

        Assert.That(archived + rejected + inReview, Is.EqualTo(submitted), "archived + rejected + manual review = submitted");
        Assert.That(
            deadLettered, Is.LessThanOrEqualTo(rejected),
            $"every dead-lettered message belongs to a rejected document ({string.Join(", ", where)}): {(await fleet.RunIngestAsync("dlq", "list")).Output}");
        Assert.That(finalTransitions.Select(e => e.Event.EventId), Is.Unique, "no audit entry duplicated");
        var finals = finalTransitions.Where(e => e.Event.ToState is "ARCHIVED" or "REJECTED").GroupBy(e => e.Event.CorrelationId).ToList();
        Assert.That(finals.Select(g => g.Count()), Is.All.EqualTo(1), "each document reached its final state once");
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var index = new NpgsqlCommand("SELECT count(*) FROM archived_documents", connection);
        Assert.That(await index.ExecuteScalarAsync(), Is.EqualTo((long)archived), "each archived document indexed once");
        await AssertEveryStateHasExactlyItsTrailAsync(fleet, documents);
        var verify = await fleet.RunIngestAsync("audit", "verify");
        Assert.That(verify.ExitCode, Is.Zero, verify.Output);
    }

    /// <summary>
    /// No state change without its audit entry, and no audit entry without its state change: once staging has drained, each
    /// document's chained state changes run from receipt to exactly the state its saga holds, each once. A worker killed
    /// mid-step must leave both or neither, since a step's entries are staged in the step's own transaction.
    /// </summary>
    public static async Task AssertEveryStateHasExactlyItsTrailAsync(Fleet fleet, IReadOnlyList<DocumentOutcome> documents)
    {
        await using (var connection = await fleet.OpenDatabaseAsync())
        await using (var staged = new NpgsqlCommand("SELECT count(*) FROM audit_staging", connection))
        {
            await Eventually.Until(async () => (long)(await staged.ExecuteScalarAsync())!, n => n == 0, TimeSpan.FromMinutes(1), "every staged entry chained");
        }

        var trails = (await fleet.LedgerAsync()).GroupBy(e => e.Event.CorrelationId).ToDictionary(g => g.Key, g => g.Select(e => e.Event).ToList());
        var wrong = new List<string>();
        foreach (var document in documents)
        {
            var changes = trails.GetValueOrDefault(document.CorrelationId, []).Where(e => e.FromState != e.ToState).ToList();
            var (chain, complete) = CausalOrder.Chain(changes, e => e.FromState, e => e.ToState, e => e.Attempt);
            if (!complete || chain[^1].ToState != document.State)
            {
                wrong.Add($"{document.DocumentId} in {document.State}: {string.Join(" > ", chain.Select(e => $"{e.FromState ?? "-"}>{e.ToState}"))}");
            }
        }

        Assert.That(wrong, Is.Empty, "documents whose audited state changes do not run from receipt to their state, once each");
    }
}
