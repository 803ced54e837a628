using System.Diagnostics;
using System.Globalization;
using Ingestion.Audit.Ledger;
using Ingestion.Audit.Staging;
using Ingestion.Contracts;
using Ingestion.Operations.DeadLetters;
using Ingestion.Qualification.Faults;
using Ingestion.Qualification.Isolation;
using Ingestion.Saga.Packets;
using Ingestion.Samples.Replay;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Qualification.Runbook;

/// <summary>
/// Checkpoint (b): a fleet whose database connections go through a <see cref="ThrottledTcpProxy"/> cut to a tenth of
/// the database's capacity: a tenth of the connections the workers' pools may hold (the sessions over it are shed,
/// later ones wait unanswered until their connect timeout), and per-chunk latency that brings the measured round-trip
/// rate to a tenth. Passes when a breaker opens within the deadline (by its <c>CIRCUIT_OPENED</c>
/// entry), every dead letter still carries the document hashes the site declared, and, once the throttle is lifted and
/// the dead letters replayed, every document settles: nothing dropped silently.
/// </summary>
internal static class BackpressureDrill
{
    public const string Id = "backpressure";
    public const string Title = "Backpressure: database at 10% of capacity";

    // Worker pools are capped so that "a tenth of the connections" is a definite number.
    private const int PoolSize = 20;

    public static async Task<CheckpointResult> RunAsync(
        ValidationEnvironment environment, RunbookOptions options, string workDirectory, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var figures = new List<KeyValuePair<string, string>>();
        var findings = new List<string>();
        var connectionString = environment.Settings.GetValueOrDefault("Ingestion:Database:ConnectionString")
            ?? new Ingestion.Persistence.Database.DatabaseOptions().ConnectionString;

        var (baseline, latency, throttledRate) = await DatabaseCapacity.CalibrateAsync(connectionString, 0.10, cancellationToken);
        var cap = Math.Max(1, options.BackpressureWorkers * PoolSize / 10);
        figures.Add(Figure("database round trips/s, 8 clients, unthrottled", baseline.ToString("F0", CultureInfo.InvariantCulture)));
        figures.Add(Figure("throttle", $"+{latency.TotalMilliseconds:F0} ms per chunk each way, {cap} of {options.BackpressureWorkers * PoolSize} connections"));
        figures.Add(Figure("database round trips/s under the throttle", $"{throttledRate:F0} ({100 * throttledRate / baseline:F1}% of capacity)"));

        var direct = new NpgsqlConnectionStringBuilder(connectionString);
        await using var proxy = ThrottledTcpProxy.Start(direct.Host ?? "127.0.0.1", direct.Port);
        var proxied = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Host = "127.0.0.1", Port = proxy.Port, Timeout = 5, CommandTimeout = 15, MaxPoolSize = PoolSize,
        }.ConnectionString;
        var overrides = new Dictionary<string, string?>
        {
            // Faults go straight to the error queues, where the drill can see and check them; no hold parks intake.
            ["Ingestion:Redelivery:MaxRedeliveries"] = "0",
            ["Ingestion:ComplianceHold:Enabled"] = "false",
        };
        figures.Add(Figure("worker database settings", "connect timeout 5 s, command timeout 15 s, pool 20; delayed redelivery off; compliance hold off"));

        var datasetRoot = Path.Combine(workDirectory, "backpressure-dataset");
        ReplayDataset.Write(datasetRoot, options.Seed + 1, options.BackpressureDocuments);
        var dataset = Replay.ReplayDatasetFolder.Open(datasetRoot);

        await using var deployment = await IsolatedDeployment.StartAsync(
            environment, "backpressure", overrides, new Dictionary<string, string?> { ["Ingestion:Database:ConnectionString"] = proxied }, cancellationToken);
        var watch = new BreakerWatch();
        deployment.WorkerLogged += watch.OnLine;
        await deployment.StartWorkersAsync(options.BackpressureWorkers, TimeSpan.FromMinutes(2), cancellationToken);

        // The database sheds the sessions over its new limit, as a server cut to a tenth would, then serves the rest slowly.
        var throttledAt = DateTime.UtcNow;
        proxy.Throttle = new ProxyThrottle(latency, MaxConnections: cap);
        var shed = proxy.ShedTo(cap);
        watch.Restart();
        // Half the sites now; the other half are held back for the outage, should the throttle alone open no breaker.
        var half = (dataset.Packets.Count + 1) / 2;
        var packets = (await deployment.SubmitAsync(dataset.Packets.Take(half), cancellationToken)).ToList();
        figures.Add(Figure("connections shed at the throttle", shed.ToString(CultureInfo.InvariantCulture)));
        var opened = await Task.WhenAny(watch.Opened, Task.Delay(options.BreakerDeadline, cancellationToken)) == watch.Opened;
        var settledThrottled = await SettledAsync(deployment, packets, cancellationToken);
        var lettersThrottled = (await deployment.DeadLettersAsync(cancellationToken)).Count;
        figures.Add(Figure($"documents settled in the first {options.BreakerDeadline.TotalSeconds:F0} s of the throttle", $"{settledThrottled} of {await DocumentCountAsync(deployment, packets, cancellationToken)} submitted"));
        DateTime? outageAt = null;
        if (opened)
        {
            findings.Add($"A worker logged its breaker opening {watch.Opened.Result.After.TotalSeconds:F1} s into the throttle: {watch.Opened.Result.Endpoint}.");
            packets.AddRange(await deployment.SubmitAsync(dataset.Packets.Skip(half), cancellationToken));
        }
        else
        {
            findings.Add($"At 10% of capacity no breaker opened within {options.BreakerDeadline.TotalSeconds:F0} s: {settledThrottled} documents settled meanwhile " +
                $"and {lettersThrottled} messages were dead-lettered; the breakers count failed messages (after their retries), not slowness.");

            // Escalated to an outage, so that the breaker, the dead letters and the recovery are still exercised and measured.
            outageAt = DateTime.UtcNow;
            proxy.Throttle = ProxyThrottle.Hung;
            var cut = proxy.CutAll();
            watch.Restart();
            packets.AddRange(await deployment.SubmitAsync(dataset.Packets.Skip(half), cancellationToken));
            var openedInOutage = await Task.WhenAny(watch.Opened, Task.Delay(options.OutageWait, cancellationToken)) == watch.Opened;
            findings.Add(openedInOutage
                ? $"Escalated to an outage (database hung, {cut} connections cut): a worker logged its breaker opening {watch.Opened.Result.After.TotalSeconds:F1} s later: {watch.Opened.Result.Endpoint}."
                : $"Escalated to an outage (database hung, {cut} connections cut): no breaker opened within {options.OutageWait.TotalSeconds:F0} s either.");
        }

        proxy.Throttle = ProxyThrottle.None;
        figures.Add(Figure("throttled for", $"{(DateTime.UtcNow - throttledAt).TotalSeconds:F1} s{(outageAt is { } o ? $", of which {(DateTime.UtcNow - o).TotalSeconds:F1} s hung" : string.Empty)}"));

        // With the throttle lifted, what is in flight finishes and what failed sits in the error queues.
        await QuiesceAsync(deployment, packets, options.SettleTimeout, cancellationToken);
        var letters = await deployment.DeadLettersAsync(cancellationToken);
        var declared = DeclaredHashes(dataset);
        var foreign = letters.SelectMany(l => l.DocumentHashes).Where(h => !declared.Contains(h)).Distinct().ToList();
        var again = await deployment.DeadLettersAsync(cancellationToken);
        var stable = letters.Select(l => l.PayloadSha256).Order(StringComparer.Ordinal)
            .SequenceEqual(again.Select(l => l.PayloadSha256).Order(StringComparer.Ordinal));
        figures.Add(Figure("dead letters", letters.Count == 0 ? "0" : string.Join(", ", letters.GroupBy(l => l.Queue).Select(g => $"{g.Key} {g.Count()}"))));
        figures.Add(Figure("dead letters whose document hashes match the site's manifest", $"{letters.Count(l => l.DocumentHashes.All(declared.Contains))} of {letters.Count}"));
        if (letters.Count > 0)
        {
            findings.Add($"Dead letters kept their payloads: {letters.Count} payload SHA-256s read twice, {(stable ? "identical" : "CHANGED")}; " +
                $"{letters.Sum(l => l.DocumentHashes.Count)} document hashes carried, {foreign.Count} not in the dataset's manifests.");
            findings.Add($"First dead letter: {letters[0].Queue} {letters[0].ExceptionType}, payload {letters[0].PayloadSha256[..16]}…");
        }

        var replayed = await ReplayDeadLettersAsync(deployment, cancellationToken);
        var recovery = Stopwatch.StartNew();
        await deployment.WaitSettledAsync(packets, options.SettleTimeout, cancellationToken);
        var outcomes = await deployment.Services.GetRequiredService<PacketStatusQueries>().DocumentsAsync(packets, cancellationToken);
        figures.Add(Figure("dead letters replayed after the lift", replayed.ToString(CultureInfo.InvariantCulture)));
        figures.Add(Figure("documents settled after the lift", $"{outcomes.Count} of {dataset.Documents} in {recovery.Elapsed.TotalSeconds:F1} s after the replay"));

        var breakerEntries = await BreakerEntriesAsync(deployment, cancellationToken);
        var firstOpen = breakerEntries.Where(e => e.Event.Action == AuditActions.CircuitOpened).OrderBy(e => e.Event.OccurredAt).FirstOrDefault();
        var openAfter = firstOpen is null ? (TimeSpan?)null : firstOpen.Event.OccurredAt - throttledAt;
        figures.Add(Figure("throttle to first CIRCUIT_OPENED (audit trail)", openAfter is { } after ? $"{after.TotalSeconds:F1} s ({firstOpen!.Event.FromState})" : "none"));
        if (outageAt is { } outage && firstOpen is not null)
        {
            figures.Add(Figure("outage to first CIRCUIT_OPENED (audit trail)", $"{(firstOpen.Event.OccurredAt - outage).TotalSeconds:F1} s"));
        }
        figures.Add(Figure("breaker entries on the audit trail", breakerEntries.Count == 0 ? "none" : string.Join(", ", breakerEntries.GroupBy(e => e.Event.Action).Select(g => $"{g.Key} {g.Count()}"))));

        var failures = new List<string>();
        if (openAfter is null || openAfter > options.BreakerDeadline)
        {
            failures.Add(openAfter is null
                ? "no breaker opened"
                : $"no breaker opened within {options.BreakerDeadline.TotalSeconds:F0} s of the 10% throttle (first after {openAfter.Value.TotalSeconds:F1} s{(outageAt is null ? string.Empty : ", in the escalated outage")})");
        }

        if (foreign.Count > 0 || !stable)
        {
            failures.Add("a dead letter's payload does not match what was submitted");
        }

        if (outcomes.Count != dataset.Documents)
        {
            failures.Add($"{dataset.Documents - outcomes.Count} documents never reached the saga");
        }

        return new CheckpointResult
        {
            Id = Id,
            Title = Title,
            Verdict = failures.Count == 0 ? CheckpointVerdict.Passed : CheckpointVerdict.Failed,
            Summary = failures.Count == 0
                ? $"Breaker opened {openAfter!.Value.TotalSeconds:F1} s into the throttle; {letters.Count} dead letters kept their payloads; all {dataset.Documents} documents settled after the lift."
                : "Not shown: " + string.Join("; ", failures) + "." + Shown(letters.Count, foreign.Count == 0 && stable, outcomes.Count, dataset.Documents),
            Figures = figures,
            Findings = findings,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    // What the drill did show, beside what it did not, so that a failure does not hide the rest.
    private static string Shown(int letters, bool intact, int settled, int documents)
    {
        var shown = new List<string>();
        if (intact)
        {
            shown.Add($"{letters} dead letters kept their payloads");
        }

        if (settled == documents)
        {
            shown.Add($"all {documents} documents settled after the lift, none dropped");
        }

        return shown.Count == 0 ? string.Empty : " Shown: " + string.Join("; ", shown) + ".";
    }

    private static KeyValuePair<string, string> Figure(string name, string value) => new(name, value);

    private static HashSet<string> DeclaredHashes(Replay.ReplayDatasetFolder dataset) =>
        dataset.Packets
            .SelectMany(p => System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(p, Ingestion.Site.Submission.PacketManifest.FileName)))
                .RootElement.GetProperty("documents").EnumerateArray()
                .Select(d => d.GetProperty("sha256").GetString() ?? string.Empty))
            .ToHashSet(StringComparer.Ordinal);

    private static async Task<int> DocumentCountAsync(IsolatedDeployment deployment, List<Guid> packets, CancellationToken cancellationToken) =>
        (await deployment.Services.GetRequiredService<PacketStatusQueries>().PacketsAsync(packets, cancellationToken)).Sum(p => p.DocumentCount);

    private static async Task<int> SettledAsync(IsolatedDeployment deployment, IReadOnlyCollection<Guid> packets, CancellationToken cancellationToken)
    {
        var progress = await deployment.Services.GetRequiredService<PacketStatusQueries>().PacketsAsync(packets, cancellationToken);
        return progress.Sum(p => p.FinalCount + p.InReviewCount);
    }

    // Until every document settled, or nothing is left in the work queues (what remains unsettled is in error queues).
    private static async Task QuiesceAsync(IsolatedDeployment deployment, List<Guid> packets, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var quiet = 0;
        while (clock.Elapsed < timeout)
        {
            var progress = await deployment.Services.GetRequiredService<PacketStatusQueries>().PacketsAsync(packets, cancellationToken);
            if (progress.Count == packets.Count && progress.All(p => p.Settled))
            {
                return;
            }

            // Several quiet looks in a row: a message between two queues is not yet in either.
            quiet = await deployment.WorkInFlightAsync(cancellationToken) == 0 ? quiet + 1 : 0;
            if (quiet >= 5)
            {
                return;
            }

            await Task.Delay(500, cancellationToken);
        }

        throw new ValidationRunException($"The fleet did not come to rest within {timeout.TotalSeconds:F0} s of lifting the throttle.") { TimedOut = true };
    }

    private static async Task<int> ReplayDeadLettersAsync(IsolatedDeployment deployment, CancellationToken cancellationToken)
    {
        await using var queues = await deployment.ConnectDeadLettersAsync(cancellationToken);
        var replayed = 0;
        foreach (var queue in await queues.ErrorQueuesAsync(cancellationToken))
        {
            var actionId = AuditEntryFactory.NewEventId();
            const string reason = "Validation runbook: the database throttle was lifted.";
            var result = await queues.ReplayAsync(queue, DeadLetterFilter.All, 200, cancellationToken);
            await deployment.Services.GetRequiredService<DeadLetterAudit>().RecordUnsignedRunAsync(
                actionId, AuditActions.DeadLetterReplay, "runbook", queue, DeadLetterQueues.InputQueueOf(queue), result, reason, cancellationToken);
            replayed += result.Done;
        }

        return replayed;
    }

    private static async Task<List<LedgerEntry>> BreakerEntriesAsync(IsolatedDeployment deployment, CancellationToken cancellationToken)
    {
        var entries = new List<LedgerEntry>();
        await foreach (var entry in deployment.Services.GetRequiredService<AuditLedger>().ReadAsync(cancellationToken: cancellationToken))
        {
            if (entry.Event.Action is AuditActions.CircuitOpened or AuditActions.CircuitClosed)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }
}
