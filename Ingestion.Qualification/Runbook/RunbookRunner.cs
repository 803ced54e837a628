using System.Diagnostics;
using System.Globalization;
using Ingestion.Qualification.Isolation;
using Ingestion.Qualification.Replay;
using Ingestion.Samples.Replay;

namespace Ingestion.Qualification.Runbook;

/// <summary>
/// The validation protocol's four checkpoints as one run: deterministic replay, backpressure, schema drift and audit
/// reconstruction. Replay's runs also serve schema drift (their v1.x documents) and audit reconstruction (an export of
/// each run's ledger), so each is shown on the same isolated runs. A checkpoint that throws is FAILED with the reason;
/// one that could not be exercised is NOT RUN; neither is ever a pass.
/// </summary>
public static class RunbookRunner
{
    /// <summary>Runs the selected checkpoints and returns the report (not yet written).</summary>
    public static async Task<RunbookReport> RunAsync(ValidationEnvironment environment, RunbookOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var work = Path.Combine(environment.WorkRoot, "runbook-" + started.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);
        var results = new Dictionary<string, CheckpointResult>(StringComparer.Ordinal);
        try
        {
            if (new[] { ReplayCheckpoints.ReplayId, ReplayCheckpoints.DriftId, ReplayCheckpoints.AuditId }.Any(options.Selected.Contains))
            {
                await environment.Progress.WriteLineAsync("Checkpoints (a) deterministic replay, (c) schema drift, (d) audit reconstruction: replay runs");
                await ReplayBasedAsync(environment, options, work, results, cancellationToken);
            }

            if (options.Selected.Contains(BackpressureDrill.Id))
            {
                await environment.Progress.WriteLineAsync("Checkpoint (b) backpressure: fleet behind a throttled database");
                results[BackpressureDrill.Id] = await Guarded(
                    BackpressureDrill.Id, () => BackpressureDrill.RunAsync(environment, options, work, cancellationToken), cancellationToken);
            }
        }
        finally
        {
            if (!environment.KeepNamespaces && Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }

        return new RunbookReport
        {
            StartedAt = started.ToString("O", CultureInfo.InvariantCulture),
            Machine = $"{Environment.MachineName}, {Environment.ProcessorCount} cores, {Environment.OSVersion}",
            Seconds = clock.Elapsed.TotalSeconds,
            Checkpoints = RunbookOptions.CheckpointIds
                .Select(id => results.GetValueOrDefault(id) ?? ReplayCheckpoints.NotRun(id, ReplayCheckpoints.TitleOf(id), "Not selected (--only)."))
                .ToList(),
        };
    }

    private static async Task ReplayBasedAsync(
        ValidationEnvironment environment, RunbookOptions options, string work, Dictionary<string, CheckpointResult> results, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var audits = new List<AuditReconstructionRun>();
        ReplayReport report;
        try
        {
            var dataset = options.Dataset is { } given ? ReplayDatasetFolder.Open(given) : WriteDataset(Path.Combine(work, "dataset"), options);
            var replay = new ReplayOptions { Runs = Math.Max(2, options.ReplayWorkers.Count), Workers = options.ReplayWorkers, RunTimeout = options.SettleTimeout };
            Func<IsolatedDeployment, ReplayRun, CancellationToken, Task>? inspect = options.Selected.Contains(ReplayCheckpoints.AuditId)
                ? async (deployment, _, token) => audits.Add(await ProbeAsync(deployment, token))
                : null;
            report = await ReplayRunner.RunAsync(environment, dataset, replay, inspect, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            results[ReplayCheckpoints.ReplayId] = Failed(ReplayCheckpoints.ReplayId, e, clock.Elapsed.TotalSeconds);
            results[ReplayCheckpoints.DriftId] = ReplayCheckpoints.NotRun(
                ReplayCheckpoints.DriftId, ReplayCheckpoints.TitleOf(ReplayCheckpoints.DriftId), $"The replay runs it is judged on failed: {e.Message}");
            results[ReplayCheckpoints.AuditId] = ReplayCheckpoints.NotRun(
                ReplayCheckpoints.AuditId, ReplayCheckpoints.TitleOf(ReplayCheckpoints.AuditId), $"The replay runs it is judged on failed: {e.Message}");
            return;
        }

        if (options.Selected.Contains(ReplayCheckpoints.ReplayId))
        {
            results[ReplayCheckpoints.ReplayId] = ReplayCheckpoints.Replay(report, clock.Elapsed.TotalSeconds);
        }

        if (options.Selected.Contains(ReplayCheckpoints.DriftId))
        {
            results[ReplayCheckpoints.DriftId] = ReplayCheckpoints.Drift(report) with { Seconds = clock.Elapsed.TotalSeconds };
        }

        if (options.Selected.Contains(ReplayCheckpoints.AuditId))
        {
            results[ReplayCheckpoints.AuditId] = ReplayCheckpoints.Audit(audits) with { Seconds = audits.Sum(a => a.Seconds) };
        }
    }

    // The small dataset the runbook writes itself: replay's sites, plus the drift packet (deprecated and retired forms).
    private static ReplayDatasetFolder WriteDataset(string root, RunbookOptions options)
    {
        ReplayDataset.Write(root, options.Seed, options.Documents);
        SchemaDriftPacket.Write(root, options.Seed);
        DatasetChecksums.Write(root);
        return ReplayDatasetFolder.Open(root);
    }

    private static async Task<AuditReconstructionRun> ProbeAsync(IsolatedDeployment deployment, CancellationToken cancellationToken)
    {
        try
        {
            return await AuditReconstructionProbe.RunAsync(deployment, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new AuditReconstructionRun(deployment.Name, 0, 0, $"{e.GetType().Name}: {e.Message}", 0, 0, [], 0);
        }
    }

    private static async Task<CheckpointResult> Guarded(string id, Func<Task<CheckpointResult>> run, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return await run();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failed(id, e, clock.Elapsed.TotalSeconds);
        }
    }

    private static CheckpointResult Failed(string id, Exception e, double seconds) => new()
    {
        Id = id,
        Title = ReplayCheckpoints.TitleOf(id),
        Verdict = CheckpointVerdict.Failed,
        Summary = $"Could not be run to the end: {e.Message}",
        Findings = [$"{e.GetType().Name}: {e.Message}"],
        Seconds = seconds,
    };
}
