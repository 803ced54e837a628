using System.Diagnostics;
using Ingestion.Qualification.Isolation;

namespace Ingestion.Qualification.Replay;

/// <summary>
/// Deterministic replay: ingests one dataset several times, each run into a fresh isolated namespace with its own real
/// worker processes, and compares the runs' canonical outcome digests.
/// </summary>
public static class ReplayRunner
{
    /// <summary>Runs the replay; progress goes to the environment's writer as each run ends.</summary>
    /// <exception cref="ValidationRunException">A run could not start or did not settle in time.</exception>
    public static Task<ReplayReport> RunAsync(
        ValidationEnvironment environment, ReplayDatasetFolder dataset, ReplayOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(environment, dataset, options, inspect: null, cancellationToken);

    /// <summary>The replay, calling <paramref name="inspect"/> on each run's namespace before it is dropped.</summary>
    internal static async Task<ReplayReport> RunAsync(
        ValidationEnvironment environment,
        ReplayDatasetFolder dataset,
        ReplayOptions options,
        Func<IsolatedDeployment, ReplayRun, CancellationToken, Task>? inspect,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        var progress = environment.Progress;
        await progress.WriteLineAsync(
            $"Replaying dataset {dataset.Root} ({dataset.Documents} documents, {dataset.Packets.Count} sites, SHA-256 {dataset.Identity[..16]}…): {options.Runs} runs");
        var runs = new List<ReplayRun>();
        for (var n = 1; n <= options.Runs; n++)
        {
            var workers = options.Workers[(n - 1) % options.Workers.Count];
            var run = await RunOnceAsync(environment, dataset, n, workers, options, inspect, cancellationToken);
            runs.Add(run);
            await progress.WriteLineAsync(
                $"run {n}: {run.Records.Count} docs, {workers} worker{(workers == 1 ? string.Empty : "s")}, {run.Elapsed.TotalSeconds:F1} s, {run.Retries} retried attempts, digest {run.Digest}");
            await progress.WriteLineAsync($"  {string.Join(", ", run.Outcomes.Select(o => $"{o.Key} {o.Value}"))}");
            foreach (var retry in run.Records.SelectMany(r => r.Retries.Select(x => $"{r.Key} {x}")).Take(3))
            {
                await progress.WriteLineAsync($"  retried (not in the digest): {retry}");
            }

        }

        var differences = new List<string>();
        foreach (var run in runs.Skip(1).Where(r => r.Digest != runs[0].Digest))
        {
            differences.AddRange(DigestComparison.Differences(runs[0].Records, run.Records, options.DifferenceLimit)
                .Select(d => $"run 1 vs run {run.Number}: {d}"));
        }

        return new ReplayReport(dataset, runs, differences);
    }

    private static async Task<ReplayRun> RunOnceAsync(
        ValidationEnvironment environment,
        ReplayDatasetFolder dataset,
        int number,
        int workers,
        ReplayOptions options,
        Func<IsolatedDeployment, ReplayRun, CancellationToken, Task>? inspect,
        CancellationToken cancellationToken)
    {
        await using var deployment = await IsolatedDeployment.StartAsync(environment, $"replay{number}", cancellationToken: cancellationToken);
        await deployment.StartWorkersAsync(workers, options.StartTimeout, cancellationToken);
        var clock = Stopwatch.StartNew();
        var packets = await deployment.SubmitAsync(dataset.Packets, cancellationToken);
        await deployment.WaitSettledAsync(packets, options.RunTimeout, cancellationToken);

        // Settled means each final transition is audited; the earlier ones may still be on their way to the ledger.
        while (true)
        {
            var (records, incomplete) = await OutcomeReader.ReadAsync(deployment.Services, packets, cancellationToken);
            if (incomplete == 0 && records.Count == dataset.Documents)
            {
                clock.Stop();
                var run = new ReplayRun(number, deployment.Name, workers, clock.Elapsed, OutcomeDigest.Compute(records), records);
                if (inspect is not null)
                {
                    await inspect(deployment, run, cancellationToken);
                }

                return run;
            }

            if (clock.Elapsed > options.RunTimeout)
            {
                throw new ValidationRunException(
                    $"Run {number} ({deployment.Name}): {records.Count} of {dataset.Documents} documents known, {incomplete} without their whole audited chain after {options.RunTimeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }
}
