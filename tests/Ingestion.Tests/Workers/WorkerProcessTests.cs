using System.Diagnostics;
using Ingestion.Hosting;
using Ingestion.Messaging.Fleet;
using Ingestion.Qualification.Isolation;
using Ingestion.Tests.Support;
using NUnit.Framework.Internal;

namespace Ingestion.Tests.Workers;

/// <summary>
/// The one way tests and qualification runs start <c>ingest worker</c> processes (<see cref="WorkerProcess"/>): started
/// with a given environment, ready when it says so, logged to a file, stopped with SIGTERM and killed after a deadline,
/// and never left running, whatever the test that started it did.
/// </summary>
[TestFixture]
public sealed class WorkerProcessTests
{
    [Test]
    public async Task A_worker_reports_started_writes_its_output_to_its_log_file_and_stops_on_sigterm()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None);
        var workerId = UniqueId("stops");

        var worker = await fleet.StartWorkerAsync(workerId);
        var clock = Stopwatch.StartNew();
        await worker.StopAsync(TimeSpan.FromSeconds(60));

        Assert.That(worker.HasExited, Is.True);
        Assert.That(worker.ExitCode, Is.Not.EqualTo(KilledExitCode), $"stopped by SIGTERM in {clock.Elapsed.TotalSeconds:F1} s, not killed");
        var log = await File.ReadAllLinesAsync(worker.LogFile);
        Assert.That(log, Has.Some.StartsWith(WorkerStartedLine.Prefix + workerId));
        Assert.That(RunningProcessesNaming(workerId), Is.Empty);
    }

    [Test]
    public async Task A_worker_that_does_not_stop_on_sigterm_is_killed_when_the_deadline_passes()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None);
        var workerId = UniqueId("hangs");
        var worker = await fleet.StartWorkerAsync(workerId);
        // A stopped (SIGSTOP) process cannot act on SIGTERM, as a worker wedged in a call would not.
        await SignalAsync("-STOP", worker.ProcessId);

        var clock = Stopwatch.StartNew();
        await worker.StopAsync(TimeSpan.FromSeconds(2));

        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2)).And.LessThan(TimeSpan.FromSeconds(30)));
        Assert.That(worker.ExitCode, Is.EqualTo(KilledExitCode));
        Assert.That(RunningProcessesNaming(workerId), Is.Empty);
    }

    [TestCase("a failed assertion")]
    [TestCase("a cancelled wait")]
    public async Task A_fleet_disposed_after_a_failure_leaves_no_ingest_worker_process_behind(string failure)
    {
        var workerIds = new[] { UniqueId("left-a"), UniqueId("left-b") };
        var started = new List<WorkerProcess>();
        Exception? caught = null;

        // The test body that fails runs in a context of its own, so that its failed assertion is not this test's.
        using (new TestExecutionContext.IsolatedContext())
        {
            try
            {
                await using var fleet = await Fleet.StartAsync(FleetRoles.None);
                started.AddRange(await Task.WhenAll(workerIds.Select(id => fleet.StartWorkerAsync(id))));
                await FailAsync(failure);
            }
            catch (Exception exception) when (exception is AssertionException or OperationCanceledException)
            {
                caught = exception;
            }
        }

        Assert.That(caught, Is.Not.Null, "the test body failed");
        Assert.That(started, Has.Count.EqualTo(2), "both workers had started");
        Assert.That(started.Select(w => w.HasExited), Is.All.True);
        Assert.That(IngestWorkerChildren(), Is.Empty, "no ingest worker child of this test run");
        Assert.That(workerIds.SelectMany(RunningProcessesNaming), Is.Empty, "no process anywhere still runs either worker");
    }

    [Test]
    public async Task A_worker_nobody_stopped_is_stopped_by_the_test_runs_one_time_teardown()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None);
        var workerId = UniqueId("stray");
        // Started around the fleet, so that the fleet does not know it: only the teardown's StopAllAsync can find it.
        await using var stray = await WorkerProcess.StartAsync(
            Fleet.Ingest, workerId, fleet.Settings, Path.Combine(Fleet.WorkerLogRoot, fleet.Name, $"{workerId}.log"), TimeSpan.FromMinutes(2));

        await WorkerProcess.StopAllAsync();

        Assert.That(stray.HasExited, Is.True);
        Assert.That(RunningProcessesNaming(workerId), Is.Empty);
    }

    // .NET reports a process ended by a signal as 128 + the signal; SIGKILL is 9.
    private const int KilledExitCode = 128 + 9;

    private static string UniqueId(string purpose) => $"{purpose}-{Guid.NewGuid():N}"[..(purpose.Length + 9)];

    private static async Task FailAsync(string failure)
    {
        if (failure == "a failed assertion")
        {
            await Eventually.Until(() => Task.FromResult(0), n => n > 0, TimeSpan.FromSeconds(1), "an outcome that never comes");
        }

        using var cancelled = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Task.Delay(Timeout.Infinite, cancelled.Token);
    }

    private static async Task SignalAsync(string signal, int processId)
    {
        using var kill = Process.Start("kill", [signal, processId.ToString()]);
        await kill.WaitForExitAsync();
        Assert.That(kill.ExitCode, Is.Zero, $"kill {signal} {processId}");
    }

    // Linux only, like the workers' signals: the ingest worker processes whose parent is this test process.
    private static List<string> IngestWorkerChildren() =>
        Processes()
            .Where(p => p.ParentId == Environment.ProcessId && p.CommandLine.Contains("ingest.dll worker", StringComparison.Ordinal))
            .Select(p => $"{p.Id}: {p.CommandLine}")
            .ToList();

    private static List<string> RunningProcessesNaming(string workerId) =>
        Processes().Where(p => p.CommandLine.Contains(workerId, StringComparison.Ordinal)).Select(p => $"{p.Id}: {p.CommandLine}").ToList();

    private static IEnumerable<(int Id, int ParentId, string CommandLine)> Processes()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id))
            {
                continue;
            }

            string stat, commandLine;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // "pid (comm) state ppid …": the name may hold spaces and parentheses, so read from the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // A zombie has exited; it holds no resources and its parent reaps it.
            if (fields[0] != "Z")
            {
                yield return (id, int.Parse(fields[1]), commandLine);
            }
        }
    }
}
